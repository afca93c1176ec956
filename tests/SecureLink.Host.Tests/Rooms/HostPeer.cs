using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Rooms;

/// <summary>One event frame from the host and when it arrived (Stopwatch ticks, for latency figures).</summary>
public sealed record HostEvent(JsonElement Frame, long At)
{
    public string Name => Frame.GetProperty("event").GetString()!;
    public string? Str(string field) => Frame.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    public override string ToString() => Frame.ToString();
}

/// <summary>
/// The one native-messaging test client: a real securelink-host process (started directly, or
/// through a launcher such as <c>ip netns exec NS</c> on a namespace test bed) or, for tests that
/// need the host's tune hook, the same host composition in this process over pipes, driven like a
/// browser: requests by id, events collected in arrival order by one reader so responses and
/// events can interleave freely. Linked (not copied) by every test project that drives a host and
/// by the benchmarks, so it uses no xunit.
/// </summary>
internal sealed class HostPeer : IAsyncDisposable
{
    private readonly IHostLink _host;
    private readonly Channel<HostEvent> _events = Channel.CreateUnbounded<HostEvent>();
    private readonly Dictionary<long, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly List<HostEvent> _seenEvents = [];
    // Requests may be sent from several tasks at once; two frames must never interleave on stdin.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reader;
    private long _nextId;

    /// <param name="log">SECURELINK_LOG for the host (null: unset).</param>
    /// <param name="environment">Extra variables for the host (e.g. SECURELINK_AUDIO_IN).</param>
    /// <param name="launcher">A command prefix the host is started through, e.g. <c>["ip", "netns", "exec", NS]</c>; null: directly.</param>
    public HostPeer(string? log = null, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? launcher = null)
        : this(new ProcessLink(HostProcess.StartVia(launcher ?? [], log, environment)))
    {
    }

    private HostPeer(IHostLink host)
    {
        _host = host;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The host composition of Program.cs in this process, its rooms adjusted by <paramref name="tune"/>.</summary>
    public static HostPeer InProcess(Func<SecureLink.Rooms.Session.RoomOptions, SecureLink.Rooms.Session.RoomOptions> tune) => new(new InProcessLink(tune));

    public HostProcess Process => ((ProcessLink)_host).Host;

    public IReadOnlyList<JsonElement> SeenEvents { get { lock (_seenEvents) return [.. _seenEvents.Select(e => e.Frame)]; } }

    /// <summary>Every event so far with its arrival time.</summary>
    public IReadOnlyList<HostEvent> Timeline { get { lock (_seenEvents) return [.. _seenEvents]; } }

    /// <summary>What the host logged to stderr so far (empty in process).</summary>
    public string Stderr => _host.Stderr;

    /// <summary>Sends a request; <paramref name="fields"/> is the JSON of the extra members (no braces).</summary>
    public async Task<JsonElement> RequestAsync(string type, string fields = "", int seconds = 30)
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = tcs;
        await _writeLock.WaitAsync();
        try
        {
            await _host.SendAsync($$"""{"id":{{id}},"type":"{{type}}"{{(fields.Length > 0 ? "," + fields : "")}}}""");
        }
        finally
        {
            _writeLock.Release();
        }
        try
        {
            return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{type}: no answer in {seconds} s; stderr: {Stderr}");
        }
    }

    public async Task<JsonElement> OkAsync(string type, string fields = "")
    {
        var r = await RequestAsync(type, fields);
        if (!r.GetProperty("ok").GetBoolean()) throw new InvalidOperationException($"{type} failed: {r}");
        return r;
    }

    /// <summary>Next event named <paramref name="name"/> that matches, skipping others.</summary>
    public async Task<JsonElement> EventAsync(string name, Func<JsonElement, bool>? match = null, int seconds = 40) =>
        (await TimedEventAsync(name, match is null ? null : e => match(e.Frame), seconds)).Frame;

    /// <summary>The same, with the time the event arrived.</summary>
    public async Task<HostEvent> TimedEventAsync(string name, Func<HostEvent, bool>? match = null, double seconds = 40)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                if (e.Name == name && (match is null || match(e))) return e;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {name} event in {seconds} s; saw {string.Join(" ", Timeline)}; stderr: {Stderr}");
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
                    var e = new HostEvent(frame, Stopwatch.GetTimestamp());
                    lock (_seenEvents) _seenEvents.Add(e);
                    _events.Writer.TryWrite(e);
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
    public Task<(int ExitCode, string Stderr)> ExitAsync() => _host.ExitAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Task.WhenAny(_reader, Task.Delay(2000));
        _writeLock.Dispose();
    }
}

/// <summary>How a <see cref="HostPeer"/> reaches its host.</summary>
internal interface IHostLink : IAsyncDisposable
{
    string Stderr { get; }
    Task SendAsync(string json);
    Task<JsonElement> ReceiveAsync();
    Task<(int ExitCode, string Stderr)> ExitAsync();
}

internal sealed class ProcessLink(HostProcess host) : IHostLink
{
    public HostProcess Host => host;
    public string Stderr => host.Stderr;
    public Task SendAsync(string json) => host.SendAsync(json);
    public Task<JsonElement> ReceiveAsync() => host.ReceiveAsync();

    public async Task<(int ExitCode, string Stderr)> ExitAsync()
    {
        host.CloseStdin();
        var (code, _, stderr) = await host.WaitForExitAsync(TimeSpan.FromSeconds(10));
        return (code, stderr);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}

/// <summary>HostSession + RoomHost + the room handlers, as Program.cs composes them, over two in-memory pipes.</summary>
internal sealed class InProcessLink : IHostLink
{
    private readonly System.IO.Pipelines.Pipe _toHost = new();
    private readonly System.IO.Pipelines.Pipe _fromHost = new();
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly Task<int> _run;
    private readonly CancellationTokenSource _stop = new();

    public InProcessLink(Func<SecureLink.Rooms.Session.RoomOptions, SecureLink.Rooms.Session.RoomOptions> tune)
    {
        var log = SecureLink.WebRtc.Transport.NullLog.Instance;
        _stdin = _toHost.Writer.AsStream();
        _stdout = _fromHost.Reader.AsStream();
        var host = SecureLink.Host.NativeMessaging.HostSession.Create(_toHost.Reader.AsStream(), _fromHost.Writer.AsStream(), log,
            events => new SecureLink.Host.Session.RoomHost(events, log, tune),
            (dispatcher, session, _) => SecureLink.Host.Dispatch.Handlers.RoomHandlers.Register(dispatcher, (SecureLink.Host.Session.RoomHost)session, log));
        _run = Task.Run(() => host.RunAsync(_stop.Token));
    }

    public string Stderr => "";

    public async Task SendAsync(string json)
    {
        await _stdin.WriteAsync(Frames.Of(json));
        await _stdin.FlushAsync();
    }

    public async Task<JsonElement> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(HostProcess.Timeout);
        var header = new byte[4];
        await _stdout.ReadExactlyAsync(header, cts.Token);
        var payload = new byte[BitConverter.ToUInt32(header)];
        await _stdout.ReadExactlyAsync(payload, cts.Token);
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.Clone();
    }

    public async Task<(int ExitCode, string Stderr)> ExitAsync()
    {
        await _toHost.Writer.CompleteAsync();
        var code = await _run.WaitAsync(TimeSpan.FromSeconds(10));
        return (code, "");
    }

    public async ValueTask DisposeAsync()
    {
        await _toHost.Writer.CompleteAsync();
        await _stop.CancelAsync();
        try { await _run.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* the test is over */ }
        await _fromHost.Reader.CompleteAsync();
        _stop.Dispose();
    }
}
