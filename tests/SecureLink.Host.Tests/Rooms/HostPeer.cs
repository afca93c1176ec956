using System.Text.Json;
using System.Threading.Channels;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Rooms;

/// <summary>
/// One real securelink-host process driven like a browser: requests by id, events collected in
/// order by one reader so responses and events can interleave freely.
/// </summary>
internal sealed class HostPeer : IAsyncDisposable
{
    private readonly HostProcess _host;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly Dictionary<long, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly List<JsonElement> _seenEvents = [];
    private readonly Task _reader;
    private long _nextId;

    public HostPeer(string? log = null)
    {
        _host = HostProcess.Start(log);
        _reader = Task.Run(ReadLoopAsync);
    }

    public HostProcess Process => _host;

    public IReadOnlyList<JsonElement> SeenEvents { get { lock (_seenEvents) return [.. _seenEvents]; } }

    public async Task<JsonElement> RequestAsync(string type, string fields = "")
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = tcs;
        await _host.SendAsync($$"""{"id":{{id}},"type":"{{type}}"{{(fields.Length > 0 ? "," + fields : "")}}}""");
        return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<JsonElement> OkAsync(string type, string fields = "")
    {
        var r = await RequestAsync(type, fields);
        Assert.True(r.GetProperty("ok").GetBoolean(), $"{type} failed: {r}");
        return r;
    }

    /// <summary>Next event named <paramref name="name"/> that matches, skipping others.</summary>
    public async Task<JsonElement> EventAsync(string name, Func<JsonElement, bool>? match = null, int seconds = 40)
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
            throw new TimeoutException($"no {name} event in {seconds} s; saw {string.Join(" ", SeenEvents.Select(e => e.ToString()))}");
        }
    }

    public Task<JsonElement> StateAsync(string state, int seconds = 40) =>
        EventAsync("room.state", e => e.GetProperty("state").GetString() == state, seconds);

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                JsonElement frame;
                try
                {
                    frame = await _host.ReceiveAsync();
                }
                catch (OperationCanceledException)
                {
                    // The harness gives up on a frame after 20 s; a quiet room is not an error here.
                    continue;
                }
                if (frame.TryGetProperty("event", out _))
                {
                    lock (_seenEvents) _seenEvents.Add(frame);
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
            // stdout ended or the test is over
        }
    }

    /// <summary>Closes stdin and returns the host's exit code and stderr.</summary>
    public async Task<(int ExitCode, string Stderr)> ExitAsync()
    {
        _host.CloseStdin();
        var (code, _, stderr) = await _host.WaitForExitAsync(TimeSpan.FromSeconds(10));
        return (code, stderr);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Task.WhenAny(_reader, Task.Delay(2000));
    }
}
