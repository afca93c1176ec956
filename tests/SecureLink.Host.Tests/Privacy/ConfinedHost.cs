using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Privacy;

/// <summary>
/// A real securelink-host started with its own empty HOME and TMPDIR (and no SECURELINK_LOG), driven
/// over frames like <see cref="Rooms.HostPeer"/>, so the test can see every file it would write.
/// </summary>
internal sealed class ConfinedHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly Dictionary<long, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly Task _reader;
    private long _nextId;

    public ConfinedHost(string home, string tmp)
    {
        var info = new ProcessStartInfo(HostProcess.DotnetPath)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(HostProcess.HostDll);
        info.Environment.Remove("SECURELINK_LOG");
        info.Environment["HOME"] = home;
        info.Environment["TMPDIR"] = tmp;
        // Profiles and caches default under HOME when these are unset, so HOME covers them.
        foreach (var xdg in new[] { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR" })
            info.Environment.Remove(xdg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the host");
        _stdin = _process.StandardInput.BaseStream;
        Stderr = _process.StandardError.ReadToEndAsync();
        _reader = Task.Run(ReadLoopAsync);
    }

    public int Pid => _process.Id;

    public Task<string> Stderr { get; }

    public async Task<JsonElement> OkAsync(string type, string fields = "")
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = tcs;
        await _stdin.WriteAsync(Frames.Of($$"""{"id":{{id}},"type":"{{type}}"{{(fields.Length > 0 ? "," + fields : "")}}}"""));
        await _stdin.FlushAsync();
        var r = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(r.GetProperty("ok").GetBoolean(), $"{type} failed: {r}");
        return r;
    }

    public async Task<JsonElement> EventAsync(string name, Func<JsonElement, bool>? match = null)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        while (true)
        {
            var e = await _events.Reader.ReadAsync(cts.Token);
            if (e.GetProperty("event").GetString() == name && (match is null || match(e))) return e;
        }
    }

    public Task<JsonElement> StateAsync(string state) =>
        EventAsync("room.state", e => e.GetProperty("state").GetString() == state);

    private async Task ReadLoopAsync()
    {
        var stdout = _process.StandardOutput.BaseStream;
        var header = new byte[4];
        try
        {
            while (true)
            {
                await stdout.ReadExactlyAsync(header);
                var payload = new byte[BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(header) : BinaryPrimitives.ReadUInt32BigEndian(header)];
                await stdout.ReadExactlyAsync(payload);
                using var doc = JsonDocument.Parse(payload);
                var frame = doc.RootElement.Clone();
                if (frame.TryGetProperty("event", out _)) _events.Writer.TryWrite(frame);
                else if (frame.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
                {
                    TaskCompletionSource<JsonElement>? tcs;
                    lock (_pending) _pending.Remove(id.GetInt64(), out tcs);
                    tcs?.TrySetResult(frame);
                }
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ObjectDisposedException)
        {
            // stdout ended: the host exited
        }
    }

    /// <summary>Closes stdin (the browser went away) and returns the exit code.</summary>
    public async Task<int> ExitAsync()
    {
        _stdin.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try { _stdin.Close(); } catch (IOException) { }
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await Task.WhenAny(_reader, Task.Delay(2000));
        _process.Dispose();
    }
}
