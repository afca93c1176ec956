using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace SecureLink.WebRtc.Sctp.Tests.Interop;

/// <summary>Runs aiortc_sctp_peer.py under /usr/bin/python3 (where python3-aiortc lives) and reads its JSON events.</summary>
internal sealed class AiortcPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];
    private readonly System.Text.StringBuilder _stderr = new();

    private AiortcPeer(Process process)
    {
        _process = process;
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                try
                {
                    _events.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
                }
                catch (JsonException) { }
            }
            _events.Writer.TryComplete();
        });
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
                lock (_stderr) _stderr.AppendLine(line);
        });
    }

    public static AiortcPeer Start(int peerPort, string role, string? open = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "aiortc_sctp_peer.py");
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("--peer-port");
        psi.ArgumentList.Add(peerPort.ToString());
        psi.ArgumentList.Add("--role");
        psi.ArgumentList.Add(role);
        if (open is not null)
        {
            psi.ArgumentList.Add("--open");
            psi.ArgumentList.Add(open);
        }
        return new AiortcPeer(Process.Start(psi)!);
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Waits for an event matching <paramref name="match"/> (events seen earlier count too).</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestPair.Timeout);
        foreach (var e in _seen)
        {
            if (match(e)) return e;
        }
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                _seen.Add(e);
                if (match(e)) return e;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"aiortc peer: expected event not seen. Events: {string.Join(" ", _seen)} stderr: {Stderr}");
        }
    }

    public static Func<JsonElement, bool> Event(string name, string? label = null, string? text = null) => e =>
        e.GetProperty("event").GetString() == name
        && (label is null || e.TryGetProperty("label", out var l) && l.GetString() == label)
        && (text is null || e.TryGetProperty("text", out var t) && t.GetString() == text);

    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
