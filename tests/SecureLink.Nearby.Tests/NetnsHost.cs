using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace SecureLink.Nearby.Tests;

/// <summary>
/// The real built host (securelink-host.dll next to this assembly) started inside a network
/// namespace with `ip netns exec`, driven over native messaging frames as a browser would:
/// requests by id, events collected in order.
/// </summary>
internal sealed class NetnsHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly Dictionary<long, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly List<string> _seen = [];
    private readonly Task _reader;
    private readonly Task<string> _stderr;
    private long _nextId;

    public NetnsHost(string ns)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : "dotnet";
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "netns", "exec", ns, dotnet, Path.Combine(AppContext.BaseDirectory, "securelink-host.dll"), "chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/" })
            info.ArgumentList.Add(a);
        info.Environment["SECURELINK_LOG"] = "debug";
        _process = Process.Start(info) ?? throw new InvalidOperationException("host did not start");
        _stdin = _process.StandardInput.BaseStream;
        _stderr = _process.StandardError.ReadToEndAsync();
        _reader = Task.Run(() => ReadLoopAsync(_process.StandardOutput.BaseStream));
    }

    public async Task<JsonElement> RequestAsync(string type, string fields = "")
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = tcs;
        var json = $$"""{"id":{{id}},"type":"{{type}}"{{(fields.Length > 0 ? "," + fields : "")}}}""";
        var payload = Encoding.UTF8.GetBytes(json);
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        await _stdin.WriteAsync(header);
        await _stdin.WriteAsync(payload);
        await _stdin.FlushAsync();
        return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<JsonElement> OkAsync(string type, string fields = "")
    {
        var r = await RequestAsync(type, fields);
        Assert.True(r.GetProperty("ok").GetBoolean(), $"{type} failed: {r}");
        return r;
    }

    public async Task<JsonElement> EventAsync(string name, Func<JsonElement, bool>? match = null, int seconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                if (e.GetProperty("event").GetString() == name && (match is null || match(e))) return e;
            }
        }
        catch (OperationCanceledException)
        {
            string seen;
            lock (_seen) seen = string.Join(" ", _seen);
            throw new TimeoutException($"no {name} event in {seconds} s; saw {seen}");
        }
    }

    public Task<JsonElement> StateAsync(string state, int seconds = 40) =>
        EventAsync("room.state", e => e.GetProperty("state").GetString() == state, seconds);

    /// <summary>Browses and returns the final (done) list.</summary>
    public async Task<JsonElement> BrowseAsync(int seconds)
    {
        await OkAsync("nearby.browse", $"\"seconds\":{seconds}");
        return (await EventAsync("nearby.rooms", e => e.GetProperty("done").GetBoolean(), seconds + 10)).GetProperty("rooms");
    }

    private async Task ReadLoopAsync(Stream stdout)
    {
        var header = new byte[4];
        try
        {
            while (true)
            {
                await stdout.ReadExactlyAsync(header);
                var payload = new byte[BinaryPrimitives.ReadUInt32LittleEndian(header)];
                await stdout.ReadExactlyAsync(payload);
                using var doc = JsonDocument.Parse(payload);
                var frame = doc.RootElement.Clone();
                if (frame.TryGetProperty("event", out _))
                {
                    lock (_seen) _seen.Add(frame.GetProperty("event").GetString() + (frame.TryGetProperty("state", out var s) ? ":" + s : ""));
                    _events.Writer.TryWrite(frame);
                }
                else if (frame.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
                {
                    TaskCompletionSource<JsonElement>? tcs;
                    lock (_pending) _pending.Remove(id.GetInt64(), out tcs);
                    tcs?.TrySetResult(frame);
                }
            }
        }
        catch (Exception)
        {
            // stdout ended
        }
    }

    /// <summary>Closes stdin (the browser went away) and returns stderr once the host exited.</summary>
    public async Task<string> ExitAsync()
    {
        _stdin.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        return await _stderr;
    }

    public async ValueTask DisposeAsync()
    {
        try { _stdin.Close(); } catch (IOException) { }
        if (!_process.WaitForExit(8000))
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await Task.WhenAny(_reader, Task.Delay(2000));
        _process.Dispose();
    }
}
