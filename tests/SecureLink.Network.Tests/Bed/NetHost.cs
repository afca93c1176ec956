using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace SecureLink.Network.Bed;

/// <summary>One event frame from the host and when it arrived (Stopwatch ticks, for latency figures).</summary>
public sealed record HostEvent(JsonElement Frame, long At)
{
    public string Name => Frame.GetProperty("event").GetString()!;
    public string? Str(string field) => Frame.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    public override string ToString() => Frame.ToString();
}

/// <summary>
/// A real securelink-host process (the built securelink-host.dll) started inside a peer's
/// namespace with <c>ip netns exec</c> and driven as a browser drives it: native messaging frames
/// on stdin/stdout, requests by id, events collected in arrival order by one reader.
/// </summary>
public sealed class NetHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly Channel<HostEvent> _events = Channel.CreateUnbounded<HostEvent>();
    private readonly List<HostEvent> _seen = [];
    private readonly Dictionary<long, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reader;
    private long _nextId;

    /// <param name="ns">The peer namespace the host runs in.</param>
    /// <param name="log">SECURELINK_LOG for this host; by default NB_LOG's value, so a failing scenario can be rerun with logs.</param>
    public NetHost(Netns ns, string? log = null)
    {
        log ??= Environment.GetEnvironmentVariable("NB_LOG");
        Namespace = ns;
        var info = ns.StartInfo(Dotnet, HostDll);
        info.Environment.Remove("SECURELINK_LOG");
        if (log is not null) info.Environment["SECURELINK_LOG"] = log;
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the host");
        _stdin = _process.StandardInput.BaseStream;
        _stdout = _process.StandardOutput.BaseStream;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) lock (_stderr) _stderr.AppendLine(l); };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadLoopAsync);
    }

    public Netns Namespace { get; }

    public static string HostDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "securelink-host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("The built host is not next to this assembly; build the project first.", path);
        }
    }

    /// <summary>The dotnet executable that runs the host.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : Environment.ProcessPath is { } self && self.EndsWith("dotnet", StringComparison.Ordinal) ? self : "dotnet";

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public IReadOnlyList<HostEvent> Seen { get { lock (_seen) return [.. _seen]; } }

    /// <summary>Sends a request; <paramref name="fields"/> is the JSON of the extra members (no braces).</summary>
    public async Task<JsonElement> RequestAsync(string type, string fields = "", int seconds = 30)
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = tcs;
        var json = Encoding.UTF8.GetBytes($$"""{"id":{{id}},"type":"{{type}}"{{(fields.Length > 0 ? "," + fields : "")}}}""");
        var frame = new byte[4 + json.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)json.Length);
        json.CopyTo(frame, 4);
        await _writeLock.WaitAsync();
        try
        {
            await _stdin.WriteAsync(frame);
            await _stdin.FlushAsync();
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

    /// <summary>The next event named <paramref name="name"/> that matches, skipping others.</summary>
    public async Task<HostEvent> EventAsync(string name, Func<HostEvent, bool>? match = null, double seconds = 40)
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
            throw new TimeoutException($"no {name} event in {seconds} s in {Namespace.Name}; saw {string.Join(" ", Seen)}; stderr: {Stderr}");
        }
    }

    public Task<HostEvent> StateAsync(string state, double seconds = 40) => EventAsync("room.state", e => e.Str("state") == state, seconds);

    private async Task ReadLoopAsync()
    {
        var header = new byte[4];
        try
        {
            while (true)
            {
                await _stdout.ReadExactlyAsync(header);
                var payload = new byte[BinaryPrimitives.ReadUInt32LittleEndian(header)];
                await _stdout.ReadExactlyAsync(payload);
                var at = Stopwatch.GetTimestamp();
                using var doc = JsonDocument.Parse(payload);
                var frame = doc.RootElement.Clone();
                if (frame.TryGetProperty("event", out _))
                {
                    var e = new HostEvent(frame, at);
                    lock (_seen) _seen.Add(e);
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
            // stdout ended: the host exited or the test is over.
        }
    }

    /// <summary>Closes stdin (the browser went away) and returns the exit code.</summary>
    public async Task<int> ExitAsync()
    {
        _stdin.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        try { _stdin.Close(); } catch (IOException) { }
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await Task.WhenAny(_reader, Task.Delay(2000));
        _process.Dispose();
        _writeLock.Dispose();
    }
}
