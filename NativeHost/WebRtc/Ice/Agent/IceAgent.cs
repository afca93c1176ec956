using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using SecureLink.WebRtc.Stun;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// A full ICE agent (RFC 8445), UDP only, one component, with consent freshness (RFC 7675).
/// One loop task owns every piece of session state; sockets, the ticker and the public
/// methods only post inputs to it. Split by concern: this file holds the public surface and
/// the loop; <c>IceAgent.Gathering.cs</c>, <c>.Checks.cs</c>, <c>.Responder.cs</c> and
/// <c>.Consent.cs</c> hold the rest.
/// </summary>
public sealed partial class IceAgent : IAsyncDisposable
{
    private const string Category = "ice";

    private readonly IceAgentOptions _options;
    private readonly ILog _log;
    private readonly Channel<AgentInput> _inputs = Channel.CreateBounded<AgentInput>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<IDatagramTransport> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IceTransport _transport;
    private readonly ulong _tieBreaker = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    private readonly byte[] _localPasswordKey;
    private readonly SemaphoreSlim _gatherGate = new(1, 1);
    private readonly List<Task> _backgroundTasks = [];

    private IReadOnlyList<LocalSocket> _sockets = [];
    private IReadOnlyList<IceCandidate>? _localCandidates;
    private volatile CandidatePair? _selected;
    private volatile int _state = (int)IceConnectionState.New;
    private volatile int _role = (int)IceRole.Controlling;
    private int _connectCalled;
    private volatile int _disposed;
    private long _droppedDatagrams;

    public IceAgent(IceAgentOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.CheckInterval <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero || options.ConsentTimeout <= TimeSpan.Zero
            || options.GatherTimeout <= TimeSpan.Zero)
            throw new ArgumentException("ICE timeouts and the check interval must be positive.", nameof(options));
        if (options.CheckRetransmission.MaxRequests < 1 || options.CheckRetransmission.InitialRto <= TimeSpan.Zero)
            throw new ArgumentException("Checks need at least one request and a positive RTO.", nameof(options));
        _log = options.Log;
        LocalParameters = options.LocalParameters ?? IceParameters.Generate();
        _localPasswordKey = Encoding.UTF8.GetBytes(LocalParameters.Password);
        _transport = new IceTransport(this);
    }

    public IceParameters LocalParameters { get; }

    /// <summary>Set by ConnectAsync; may flip when a role conflict (RFC 8445 §7.3.1.1) is resolved.</summary>
    public IceRole Role => (IceRole)_role;

    public IceConnectionState State => (IceConnectionState)_state;

    /// <summary>(from, to). Raised on the agent's loop: handlers must be quick and must not block on the agent.</summary>
    public event Action<IceConnectionState, IceConnectionState>? StateChanged;

    public string? FailureReason { get; private set; }

    public bool HadServerReflexiveCandidates { get; private set; }

    /// <summary>The peer offered at least one server-reflexive candidate (added member): with
    /// <see cref="HadServerReflexiveCandidates"/> it tells "no direct path exists" apart from "ICE failed".</summary>
    public bool RemoteHadServerReflexiveCandidates => _remoteHadServerReflexive;
    private volatile bool _remoteHadServerReflexive;

    public IPEndPoint? SelectedLocalEndPoint => _selected?.Local.LocalEndPoint;
    public IPEndPoint? SelectedRemoteEndPoint => _selected?.RemoteEndPoint;

    /// <summary>Datagrams dropped: not STUN and not from a known peer address, malformed STUN, failed authentication (added member).</summary>
    public long DroppedDatagrams => Interlocked.Read(ref _droppedDatagrams);

    /// <summary>The local addresses we bound after gathering (added member; for logs and tests).</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => [.. _sockets.Select(s => s.LocalEndPoint)];

    internal CandidatePair? SelectedPair => _selected;

    /// <summary>Every loop the agent started; all complete after DisposeAsync (tests prove it).</summary>
    internal IReadOnlyList<Task> BackgroundTasks { get { lock (_backgroundTasks) return [.. _backgroundTasks]; } }

    /// <summary>Adds a remote candidate (trickle is fine). mDNS names, TCP and other components are ignored.</summary>
    public void AddRemoteCandidate(IceCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (_disposed != 0) return;
        _inputs.Writer.TryWrite(new RemoteCandidateInput(candidate));
    }

    /// <summary>
    /// Starts checks and returns the transport once a pair is selected. Throws
    /// <see cref="IceFailedException"/> if nothing works within ConnectTimeout.
    /// </summary>
    public async Task<IDatagramTransport> ConnectAsync(IceParameters remote, IceRole role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _connectCalled, 1) == 1) throw new InvalidOperationException("ConnectAsync was already called on this agent.");
        if (_localCandidates is null) await GatherAsync(ct).ConfigureAwait(false);
        _role = (int)role;
        _inputs.Writer.TryWrite(new StartInput(remote, role));
        return await _connected.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        IReadOnlyList<LocalSocket> sockets;
        lock (_backgroundTasks)
        {
            if (_disposed != 0) return;
            _disposed = 1;
            sockets = _sockets;
        }
        _cts.Cancel();
        foreach (var s in sockets) s.Dispose();
        _inputs.Writer.TryComplete();
        try { await Task.WhenAll(BackgroundTasks).ConfigureAwait(false); }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
        _transport.Close();
        SetState(IceConnectionState.Closed);
        _connected.TrySetException(new IceFailedException("The connection was closed before a network path was found."));
        // _cts and _gatherGate are not disposed: a GatherAsync racing with us may still touch them, and neither holds an OS handle.
    }

    private void StartBackground(Func<Task> loop)
    {
        lock (_backgroundTasks) _backgroundTasks.Add(Task.Run(loop));
    }

    private void OnDatagram(LocalSocket socket, IPEndPoint from, byte[] data)
    {
        // Fast path: media/DTLS from the selected pair skips the loop.
        if (data.Length > 0 && data[0] > 3 && _selected is { } pair && pair.Matches(socket, from))
        {
            _transport.Deliver(data);
            return;
        }
        if (!_inputs.Writer.TryWrite(new DatagramInput(socket, from, data))) Interlocked.Increment(ref _droppedDatagrams);
    }

    private async Task TickerAsync()
    {
        using var timer = new PeriodicTimer(_options.CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_cts.Token).ConfigureAwait(false))
                _inputs.Writer.TryWrite(TickInput.Instance);
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The one loop that owns the agent's state.</summary>
    private async Task LoopAsync()
    {
        try
        {
            await foreach (var input in _inputs.Reader.ReadAllAsync(_cts.Token).ConfigureAwait(false))
            {
                try
                {
                    Handle(input);
                    // A triggered check queued by this input goes as soon as Ta allows, not at the next tick.
                    if (input is not TickInput) PaceChecks(NowMs);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug triggered by one packet must not take the session down.
                    Interlocked.Increment(ref _droppedDatagrams);
                    Log(LogLevel.Error, $"input {input.GetType().Name} failed: {e.GetType().Name}: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private void Handle(AgentInput input)
    {
        if (State is IceConnectionState.Closed) return;
        switch (input)
        {
            case DatagramInput d: HandleDatagram(d.Socket, d.From, d.Data); break;
            case TickInput: OnTick(NowMs); break;
            case RemoteCandidateInput c: HandleRemoteCandidate(c.Candidate); break;
            case StartInput s: Start(s.Remote, s.Role); break;
        }
    }

    private void HandleDatagram(LocalSocket socket, IPEndPoint from, byte[] data)
    {
        if (data.Length == 0) { Drop("empty datagram"); return; }
        if (data[0] < 4)
        {
            if (!StunMessage.TryParse(data, out var message, out var error)) { Drop($"malformed STUN from {from}: {error}"); return; }
            HandleStun(socket, from, message!);
            return;
        }
        var pair = FindPair(socket, from);
        if (pair is not null && (pair.State == PairState.Succeeded || pair.HeardFromPeer)) _transport.Deliver(data);
        else Drop($"datagram of {data.Length} bytes from unknown {from}");
    }

    private void HandleStun(LocalSocket socket, IPEndPoint from, StunMessage message)
    {
        if (message.Method != StunMethod.Binding) { Drop($"STUN method 0x{message.Method:x3} from {from}"); return; }
        switch (message.Class)
        {
            case StunMessageClass.Request:
                HandleRequest(socket, from, message);
                break;
            case StunMessageClass.SuccessResponse or StunMessageClass.ErrorResponse:
                if (_stunClients.TryGetValue(socket, out var client) && client.TryHandleResponse(message, from)) return;
                HandleResponse(socket, from, message);
                break;
            default:
                break; // Binding indications are keepalives (RFC 8445 §11): nothing to do.
        }
    }

    private void SetState(IceConnectionState to)
    {
        var from = State;
        if (from == to || from == IceConnectionState.Closed) return;
        _state = (int)to;
        Log(LogLevel.Info, $"state {from} -> {to}");
        try { StateChanged?.Invoke(from, to); }
        catch (Exception e) { Log(LogLevel.Error, $"StateChanged handler threw {e.GetType().Name}"); }
    }

    private void Fail(string reason)
    {
        if (State is IceConnectionState.Failed or IceConnectionState.Closed) return;
        FailureReason = reason;
        _transactions.Clear();
        SetState(IceConnectionState.Failed);
        _transport.Close();
        _connected.TrySetException(new IceFailedException(reason));
    }

    private void Drop(string why)
    {
        Interlocked.Increment(ref _droppedDatagrams);
        if (_log.IsEnabled(LogLevel.Debug)) Log(LogLevel.Debug, "dropped " + why);
    }

    private void Log(LogLevel level, string message)
    {
        if (_log.IsEnabled(level)) _log.Write(level, Category, message);
    }

    private static long NowMs => Environment.TickCount64;
}
