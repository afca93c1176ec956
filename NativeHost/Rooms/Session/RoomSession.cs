using System.Security.Cryptography;
using System.Threading.Channels;
using SecureLink.Rooms.Chat;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Pake;
using SecureLink.WebRtc;
using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Session;

/// <summary>
/// One room from either side (DESIGN §3): codes, the connection, the PIN check, lockout, expiry,
/// chat and leave. Every state change goes through <see cref="TrySetState"/>, which logs it and
/// queues a <see cref="RoomStateChanged"/>; all events (state and chat) leave through one loop in
/// the order they happened, so a view never sees a message before <c>verified</c>.
/// Split by role: RoomSession.Creator.cs, RoomSession.Joiner.cs, RoomSession.Attempt.cs.
/// </summary>
public sealed partial class RoomSession : IAsyncDisposable
{
    private const string Category = "room";

    private readonly RoomOptions _options;
    private readonly ILog _log;
    private readonly TimeProvider _time;
    private readonly Action<RoomEvent>? _onEvent;
    private readonly Lock _gate = new();
    private readonly Channel<RoomEvent> _events = Channel.CreateUnbounded<RoomEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _eventLoop;
    private readonly ChatHistory _history = new();
    private readonly AttemptCounter _attempts = new(3);
    private RoomState _state;
    private string? _reasonCode;
    private string? _safetyCode;
    private char[] _pin = [];
    private byte[] _roomId = [];
    private ITimer? _expiry;
    private Attempt? _attempt;
    private ChatSession? _chat;
    private PakeResult? _pake;
    private DtlsCertificate? _certificate;
    private int _left;

    private RoomSession(RoomRole role, ConnectMode mode, RoomState initial, RoomOptions options, Action<RoomEvent>? onEvent)
    {
        Role = role;
        Mode = mode;
        _state = initial;
        _options = options;
        _log = options.Log;
        _time = options.Time;
        _onEvent = onEvent;
        _callMachine = NewCallMachine();
        _eventLoop = Task.Run(DeliverEventsAsync);
    }

    public RoomRole Role { get; }
    public ConnectMode Mode { get; }

    /// <summary>16 lower-case hex digits.</summary>
    public string RoomId => Convert.ToHexStringLower(_roomId);
    public DateTimeOffset ExpiresAt { get; private set; }

    public RoomState State { get { lock (_gate) return _state; } }
    public string? ReasonCode { get { lock (_gate) return _reasonCode; } }
    public string? Reason => ReasonCode is { } code ? RoomReasons.Sentence(code) : null;
    public int FailedAttempts => _attempts.Failed;
    public string? SafetyCode { get { lock (_gate) return _safetyCode; } }

    /// <summary>Creator: the invite and PIN, shown again only while the room still waits for a reply.</summary>
    public RoomInvitation? Invitation
    {
        get { lock (_gate) return _state == RoomState.WaitingReply ? _invitation : null; }
    }
    private RoomInvitation? _invitation;

    /// <summary>Joiner: the reply, shown again while the creator has not started.</summary>
    public RoomReply? Reply
    {
        get { lock (_gate) return _state == RoomState.WaitingCreator ? _reply : null; }
    }
    private RoomReply? _reply;

    /// <summary>The newest messages within the byte budget, and whether older ones exist.</summary>
    public ChatHistoryPage Snapshot(int maxBytes = ChatHistory.DefaultSnapshotBytes) => _history.Snapshot(maxBytes);

    /// <summary>A page of older messages; unknown id → <see cref="RoomException"/> <c>unknown_message</c>.</summary>
    public ChatHistoryPage History(string beforeMessageId, int limit = ChatHistory.DefaultPageLimit)
    {
        try
        {
            return _history.Page(beforeMessageId, limit);
        }
        catch (ChatException e)
        {
            throw new RoomException(e.Code, e.Message);
        }
    }

    /// <summary>Sends a message on the verified channel and returns its id.</summary>
    public async Task<string> SendAsync(string text, CancellationToken ct)
    {
        var chat = VerifiedChat();
        try
        {
            return await chat.SendAsync(text, ct).ConfigureAwait(false);
        }
        catch (ChatException e)
        {
            throw new RoomException(e.Code == ChatErrorCodes.Closed ? "no_room" : e.Code, e.Message);
        }
    }

    /// <summary>Our typing hint (sent only on change, refreshed while typing).</summary>
    public async Task SetTypingAsync(bool typing, CancellationToken ct)
    {
        var chat = VerifiedChat();
        try
        {
            await chat.SetTypingAsync(typing, ct).ConfigureAwait(false);
        }
        catch (ChatException e)
        {
            throw new RoomException("no_room", e.Message);
        }
    }

    private ChatSession VerifiedChat()
    {
        lock (_gate)
        {
            if (_state != RoomState.Verified || _chat is null)
                throw new RoomException("no_room", "There is no verified room to send to.");
            return _chat;
        }
    }

    /// <summary>
    /// Leaves: tells a verified peer, closes the connection (SCTP shutdown, DTLS close_notify),
    /// zeroes the session key, the PIN, the certificate and every message. Idempotent.
    /// </summary>
    public async Task LeaveAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _left, 1) != 0) return;
        Attempt? attempt;
        RoomState state;
        lock (_gate)
        {
            attempt = _attempt;
            state = _state;
        }
        Info($"leaving from {state.WireName()}");
        // A call is hung up first, so the peer hears why and our views see it end.
        _callMachine?.OnLeave();
        if (attempt?.Pin is { } pin && state == RoomState.Verified)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(TimeSpan.FromSeconds(1));
                await pin.SendLeaveAsync(limit.Token).WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The peer still learns from the SCTP shutdown / close_notify below.
            }
        }
        TrySetState(RoomState.Closed, RoomReasons.Left, force: true);
        _expiry?.Dispose();
        if (attempt is not null) await attempt.DisposeAsync().ConfigureAwait(false);
        if (_pendingConnection is { } pending) await DisposeQuietly(pending).ConfigureAwait(false);
        await StopCallMediaAsync().ConfigureAwait(false);
        Wipe();
        _events.Writer.TryComplete();
        await _eventLoop.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(LeaveAsync());

    /// <summary>Zeroes what can be zeroed now (also called at host exit through the host's wipe).</summary>
    public void Wipe()
    {
        ChatSession? chat;
        PakeResult? pake;
        lock (_gate)
        {
            chat = _chat;
            _chat = null;
            pake = _pake;
            _pake = null;
            _safetyCode = null;
            _invitation = null;
            _reply = null;
            Array.Clear(_pin);
            _pin = [];
        }
        chat?.Dispose();
        _callMachine?.Dispose();
        _history.Wipe();
        pake?.Dispose();
        _certificate?.Dispose();
    }

    /// <summary>
    /// The one place the state changes. Final states stay final unless <paramref name="force"/>
    /// (our own leave); <paramref name="when"/> guards against a transition that lost a race.
    /// </summary>
    private bool TrySetState(RoomState to, string? reasonCode = null, Func<RoomState, bool>? when = null, bool force = false)
    {
        RoomState from;
        lock (_gate)
        {
            from = _state;
            if (from.IsFinal() && !force) return false;
            if (from == RoomState.Closed) return false;
            if (when is not null && !when(from)) return false;
            _state = to;
            _reasonCode = reasonCode;
            _events.Writer.TryWrite(new RoomStateChanged(from, to, reasonCode, reasonCode is null ? null : RoomReasons.Sentence(reasonCode),
                _attempts.Failed, to == RoomState.Verified ? _safetyCode : null));
        }
        Info($"{from.WireName()} -> {to.WireName()}{(reasonCode is null ? "" : $" ({reasonCode})")}, failed attempts {_attempts.Failed}");
        return true;
    }

    /// <summary>Announces the state a room starts in (create / join).</summary>
    private void AnnounceInitialState()
    {
        lock (_gate)
            _events.Writer.TryWrite(new RoomStateChanged(_state, _state, null, null, _attempts.Failed, null));
        Info($"room {Role.WireName()} in {_state.WireName()}");
    }

    private void Raise(RoomEvent e) => _events.Writer.TryWrite(e);

    private async Task DeliverEventsAsync()
    {
        await foreach (var e in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                _onEvent?.Invoke(e);
            }
            catch (Exception ex)
            {
                Log(LogLevel.Error, $"event handler failed: {ex.GetType().Name}");
            }
        }
    }

    private void StartExpiry(DateTimeOffset expiresAt)
    {
        ExpiresAt = expiresAt;
        var due = expiresAt - _time.GetUtcNow();
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        _expiry = _time.CreateTimer(_ => OnExpired(), null, due, Timeout.InfiniteTimeSpan);
    }

    private void OnExpired()
    {
        // Timers run on a monotonic clock and may fire a little before the wall clock reaches the
        // expiry written in the invite; declaring it expired then would let a join that decodes the
        // same invite a millisecond later succeed. Wait for the wall clock.
        var early = ExpiresAt - _time.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            try { _expiry?.Change(early + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan); }
            catch (ObjectDisposedException) { /* the room was closed meanwhile */ }
            return;
        }
        // The creator's room dies unverified; the joiner only gives up while still waiting for the creator.
        var expired = Role == RoomRole.Creator
            ? TrySetState(RoomState.Failed, RoomReasons.InviteExpired, from => from != RoomState.Verified)
            : TrySetState(RoomState.Failed, RoomReasons.InviteExpired, from => from == RoomState.WaitingCreator);
        if (!expired) return;
        Attempt? attempt;
        lock (_gate) attempt = _attempt;
        if (attempt is not null) _ = attempt.DisposeAsync().AsTask();
        if (Interlocked.Exchange(ref _pendingConnection, null) is { } pending) _ = DisposeQuietly(pending).AsTask();
    }

    private RtcPeerConnection NewConnection(IReadOnlyList<string> stun, TimeSpan connectTimeout, SecureLink.WebRtc.Ice.IceParameters? ice = null,
        IReadOnlyDictionary<System.Net.IPAddress, int>? ports = null) =>
        new(new RtcConfiguration
        {
            StunServers = stun,
            IncludeLoopback = _options.IncludeLoopback,
            AddressFilter = _options.AddressFilter,
            ConnectTimeout = connectTimeout,
            ConsentTimeout = _options.ConsentTimeout,
            Certificate = _certificate,
            IceParameters = ice,
            LocalPorts = ports,
            // Every room can call: the audio stream is negotiated with the connection and idles until a call uses it.
            Audio = true,
            Log = _log,
        });

    private static byte[] FingerprintBytes(DtlsFingerprint fingerprint) => Convert.FromHexString(fingerprint.Value.Replace(":", "", StringComparison.Ordinal));

    private async ValueTask DisposeQuietly(RtcPeerConnection pc)
    {
        try
        {
            await pc.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log(LogLevel.Error, $"closing the connection: {e.GetType().Name}");
        }
    }

    private static byte[] NewRoomId() => RandomNumberGenerator.GetBytes(8);

    private void Info(string line) => Log(LogLevel.Info, line);

    private void Log(LogLevel level, string line)
    {
        if (_log.IsEnabled(level)) _log.Write(level, Category, line);
    }
}
