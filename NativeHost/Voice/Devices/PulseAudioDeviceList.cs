using System.Diagnostics;
using System.Text.Json;

namespace SecureLink.Voice.Devices;

/// <summary>One microphone or speaker as the audio system names it: <see cref="Id"/> is what a device spec takes.</summary>
/// <param name="Id">The PulseAudio name (e.g. <c>alsa_input.usb-…</c>) or the WASAPI endpoint id.</param>
/// <param name="Name">The description people recognise (e.g. "USB headset Mono").</param>
public sealed record AudioDeviceInfo(string Id, string Name);

/// <summary>The microphones and speakers on offer (PulseAudio sources and sinks, WASAPI endpoints).</summary>
public sealed record AudioDeviceLists(IReadOnlyList<AudioDeviceInfo> Inputs, IReadOnlyList<AudioDeviceInfo> Outputs);

/// <summary>
/// Lists devices through <c>pactl -f json</c>: libpulse-simple, which we use for the audio itself,
/// cannot enumerate, and the full asynchronous libpulse API would be a large P/Invoke surface for
/// one list. pactl ships with PulseAudio and with PipeWire's Pulse layer; where it is missing or
/// the server does not answer, the lists are empty and the caller offers only the default device.
/// Monitor sources (a sink's own output) are left out of the inputs: nobody speaks into them.
/// </summary>
public static class PulseAudioDeviceList
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <param name="server">A PulseAudio server (<c>unix:/path</c> or a host), or null for the user's own.</param>
    /// <param name="ct">Stops the listing (pactl is killed).</param>
    public static async Task<AudioDeviceLists> ListAsync(string? server, CancellationToken ct) =>
        new(await ListAsync(server, AudioFlow.Capture, ct).ConfigureAwait(false),
            await ListAsync(server, AudioFlow.Render, ct).ConfigureAwait(false));

    /// <summary>The sources (without monitors) or the sinks alone.</summary>
    public static async Task<IReadOnlyList<AudioDeviceInfo>> ListAsync(string? server, AudioFlow flow, CancellationToken ct)
    {
        if (flow == AudioFlow.Render) return Parse(await RunAsync("sinks", server, ct).ConfigureAwait(false));
        var sources = await RunAsync("sources", server, ct).ConfigureAwait(false);
        return [.. Parse(sources).Where(d => !d.Id.EndsWith(".monitor", StringComparison.Ordinal))];
    }

    /// <summary>Reads pactl's JSON list; anything unreadable gives an empty list rather than an error.</summary>
    public static IReadOnlyList<AudioDeviceInfo> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return [];
            var list = new List<AudioDeviceInfo>();
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String) continue;
                var id = name.GetString()!;
                if (id.Length is 0 or > 256 || id.Contains('@')) continue; // '@' separates the server in a spec
                var description = item.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : id;
                list.Add(new AudioDeviceInfo(id, description));
            }
            return list;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static async Task<string> RunAsync(string what, string? server, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("pactl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (server is not null) psi.ArgumentList.Add("--server=" + server);
        foreach (var a in new[] { "-f", "json", "list", what }) psi.ArgumentList.Add(a);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        Process? process = null;
        try
        {
            process = Process.Start(psi);
            if (process is null) return "";
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            _ = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return process.ExitCode == 0 ? await output.ConfigureAwait(false) : "";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException)
        {
            // No pactl, or a server that does not answer: the default device is still there.
            if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            return "";
        }
        finally
        {
            process?.Dispose();
        }
    }
}
