using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureLink.WebRtc.Tests.Infrastructure;

/// <summary>
/// A line-protocol peer process: tests/interop/aiortc_peer.py under
/// /usr/bin/python3, or any other command that speaks the
/// <c>securelink-host interop</c> JSON-line protocol. Lines are read on a
/// background task into a channel so a test can wait for the next one with a timeout.
/// </summary>
public sealed class LinePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Threading.Channels.Channel<JsonObject> _lines =
        System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();
    private readonly Task _reader;
    private readonly System.Text.StringBuilder _stderr = new();

    public LinePeer(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var echo = Environment.GetEnvironmentVariable("AIORTC_PEER_DEBUG") is not null;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.AppendLine(e.Data);
            if (echo) Console.Error.WriteLine($"[peer] {e.Data}");
        };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadLinesAsync);
    }

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    private async Task ReadLinesAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                var node = JsonNode.Parse(line) as JsonObject
                    ?? throw new InvalidDataException($"peer wrote a non-object line: {line}");
                _lines.Writer.TryWrite(node);
            }
            _lines.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _lines.Writer.TryComplete(e);
        }
    }

    public async Task SendAsync(object message)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(message)).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Next output line; fails with the peer's stderr if it ends first.</summary>
    public async Task<JsonObject> NextAsync(CancellationToken ct)
    {
        try
        {
            return await _lines.Reader.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            throw new InvalidOperationException($"peer ended its output. stderr:\n{StandardError}");
        }
    }

    /// <summary>Skips lines until one of <paramref name="type"/> arrives.</summary>
    public async Task<JsonObject> NextOfTypeAsync(string type, CancellationToken ct)
    {
        while (true)
        {
            var line = await NextAsync(ct).ConfigureAwait(false);
            var t = (string?)line["type"];
            if (t == type) return line;
            if (t == "error") throw new InvalidOperationException($"peer error: {line["message"]}\nstderr:\n{StandardError}");
        }
    }

    public void CloseInput() => _process.StandardInput.Close();

    public int ProcessId => _process.Id;

    /// <summary>Ends the peer without any goodbye (no close_notify, no SHUTDOWN): a vanished network.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<int> WaitForExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { } catch (InvalidOperationException) { }
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync().ConfigureAwait(false); }
        try { await _reader.ConfigureAwait(false); } catch (Exception) { }
        _process.Dispose();
    }
}

/// <summary>tests/interop/aiortc_peer.py (aiortc 1.4, OpenSSL DTLS).</summary>
public static class AiortcPeer
{
    public const string Python = "/usr/bin/python3";

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "interop", "aiortc_peer.py");

    public static LinePeer Start(string role) => new(Python, [ScriptPath, "--role", role]);

    /// <summary>With extra arguments (e.g. --audio-hz 440).</summary>
    public static LinePeer Start(string role, params string[] extra) => new(Python, [ScriptPath, "--role", role, .. extra]);

    public static string? SkipReason()
    {
        if (!File.Exists(Python)) return "aiortc needs /usr/bin/python3";
        if (!Directory.Exists("/usr/lib/python3/dist-packages/aiortc")) return "aiortc (python3-aiortc) not installed";
        return null;
    }
}

/// <summary>Our InteropCommand as a real process (tests/interop/InteropRunner, built beside the tests).</summary>
public static class OurInteropProcess
{
    public static LinePeer Start(params string[] args) =>
        new("dotnet", [Path.Combine(AppContext.BaseDirectory, "InteropRunner.dll"), .. args]);
}
