using System.Diagnostics;
using System.Text.Json;
using SecureLink.Host.Tests.Rooms;

namespace SecureLink.Host.Tests.Calls;

/// <summary>Two hosts in a verified room, each with a tone WAV as microphone and no speaker, for call tests.</summary>
internal sealed class CallPeers : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;

    private CallPeers(DirectoryInfo dir, HostPeer creator, HostPeer joiner)
    {
        _dir = dir;
        Creator = creator;
        Joiner = joiner;
    }

    public HostPeer Creator { get; }
    public HostPeer Joiner { get; }

    /// <summary>Real host processes (tone in, null out), verified.</summary>
    public static async Task<CallPeers> StartAsync(string? log = null)
    {
        var dir = Directory.CreateTempSubdirectory("securelink-calls-");
        var tone = Path.Combine(dir.FullName, "tone.wav");
        MakeTone(tone, 440);
        var env = new Dictionary<string, string> { ["SECURELINK_AUDIO_IN"] = "wav:" + tone, ["SECURELINK_AUDIO_OUT"] = "null" };
        var peers = new CallPeers(dir, new HostPeer(log, env), new HostPeer(log, env));
        await VerifyAsync(peers.Creator, peers.Joiner);
        return peers;
    }

    /// <summary>The host composition in this process (so the tune hook applies), verified.</summary>
    public static async Task<CallPeers> InProcessAsync(Func<SecureLink.Rooms.Session.RoomOptions, SecureLink.Rooms.Session.RoomOptions> tune)
    {
        var dir = Directory.CreateTempSubdirectory("securelink-calls-");
        var peers = new CallPeers(dir, HostPeer.InProcess(tune), HostPeer.InProcess(tune));
        await VerifyAsync(peers.Creator, peers.Joiner);
        return peers;
    }

    public static async Task VerifyAsync(HostPeer creator, HostPeer joiner)
    {
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var joined = await joiner.OkAsync("room.join",
            $"\"invite\":\"{created.GetProperty("invite").GetString()}\",\"pin\":\"{created.GetProperty("pin").GetString()}\"");
        await creator.OkAsync("room.accept", $"\"reply\":\"{joined.GetProperty("reply").GetString()}\"");
        await creator.StateAsync("verified");
        await joiner.StateAsync("verified");
    }

    /// <summary>Two seconds of a sine (sox), the microphone of both hosts.</summary>
    private static void MakeTone(string path, int hz)
    {
        var sox = new ProcessStartInfo("sox") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "-r", "48000", "-c", "1", "-b", "16", path, "synth", "2", "sine", hz.ToString(System.Globalization.CultureInfo.InvariantCulture), "vol", "0.5" })
            sox.ArgumentList.Add(a);
        using var p = Process.Start(sox)!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "sox failed: " + p.StandardError.ReadToEnd());
    }

    public async ValueTask DisposeAsync()
    {
        await Creator.DisposeAsync();
        await Joiner.DisposeAsync();
        try { _dir.Delete(recursive: true); } catch (IOException) { }
    }
}

/// <summary>Small readers for call frames.</summary>
internal static class CallFrames
{
    public static Task<JsonElement> CallStateAsync(this HostPeer peer, string state, int seconds = 20) =>
        peer.EventAsync("call.state", e => e.GetProperty("state").GetString() == state, seconds);

    public static string Code(JsonElement response) => response.GetProperty("error").GetProperty("code").GetString()!;

    public static string? Reason(JsonElement callState) => callState.TryGetProperty("reasonCode", out var r) ? r.GetString() : null;
}
