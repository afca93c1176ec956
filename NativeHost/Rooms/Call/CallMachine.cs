using SecureLink.Rooms.Chat;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Call;

/// <summary>
/// The call of one verified room, from either side. Local requests, the peer's signals, the ring
/// timer and the room's end are its only inputs; what to send, what to announce and when media
/// starts and stops are its outputs (<see cref="ICallEffects"/>, called under one lock so every
/// view sees the changes in the order they happened).
/// <code>
///             Start ─ send offer                  peer accept
///  (no call) ─────────────────────► Ringing ─────────────────────────────► Active
///     │                               │ peer ring: PeerRinging            │ Hangup ─ send hangup → Ended hung_up
///     │                               │ peer decline → Ended peer_declined │ peer hangup → Ended peer_hung_up
///     │                               │ Hangup ─ send hangup → hung_up     │ Fail → send hangup, Ended device/host_error
///     │                               │ ring timeout ─ hangup → no_answer  │
///     │                               │ peer offer (glare):                │
///     │                               │   its id &lt; ours: send accept ──────┘ (we take its call)
///     │                               │   its id &gt; ours: ignore (it takes ours)
///     │ peer offer ─ send ring
///     └──────────────────────────────► Incoming ── Accept ─ send accept ──► Active
///                                         │ Decline / Hangup ─ send decline → Ended declined
///                                         │ peer hangup → Ended peer_hung_up (it stopped calling)
///                                         │ timeout + grace ─ send decline → Ended no_answer
///  any call: room gone → Ended peer_left / peer_unreachable; our leave → Ended hung_up (nothing sent either way).
///  An offer while another call is incoming or active is declined; signals for another id are ignored.
///  Ended is announced once, then there is no call.
/// </code>
/// Glare is settled by the ids alone (the lower one wins), so both sides agree without another
/// round trip, and both people get the call they both asked for.
/// </summary>
public sealed class CallMachine : IDisposable
{
    /// <summary>How long a call rings before it ends with <c>no_answer</c>.</summary>
    public static readonly TimeSpan DefaultRingTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The callee gives up this long after the caller should have: only a caller that vanished
    /// without a word leaves a call ringing that long, and a hang-up in flight must win the race.
    /// </summary>
    public static readonly TimeSpan IncomingGrace = TimeSpan.FromSeconds(10);

    private const string Category = "call";

    private readonly TimeProvider _time;
    private readonly TimeSpan _ringTimeout;
    private readonly ICallEffects _effects;
    private readonly ILog _log;
    private readonly Lock _gate = new();
    private readonly ITimer _ringTimer;
    private CallView? _call;
    private CallId? _timerFor;
    private bool _closed;

    public CallMachine(ICallEffects effects, TimeProvider? time = null, TimeSpan? ringTimeout = null, ILog? log = null)
    {
        _effects = effects ?? throw new ArgumentNullException(nameof(effects));
        _time = time ?? TimeProvider.System;
        _ringTimeout = ringTimeout ?? DefaultRingTimeout;
        if (_ringTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ringTimeout));
        _log = log ?? NullLog.Instance;
        _ringTimer = _time.CreateTimer(_ => OnRingTimeout(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The call now, or null when there is none.</summary>
    public CallView? Current { get { lock (_gate) return _call; } }

    /// <summary>Calls the peer. <see cref="CallException"/> <c>call_busy</c> while a call exists.</summary>
    public CallId Start()
    {
        lock (_gate)
        {
            ThrowIfClosed();
            if (_call is not null)
                throw new CallException(CallException.Busy, _call.State == CallState.Active ? "A call is already running." : "A call is already ringing.");
            var id = CallId.New();
            _effects.Send(new CallSignal(ChatFrameKind.CallOffer, id));
            Set(new CallView(CallState.Ringing, id, Outgoing: true, Muted: false, PeerMuted: false, PeerRinging: false, StartedAt: null));
            Arm(id, _ringTimeout);
            return id;
        }
    }

    /// <summary>Answers the peer's call. <c>no_call</c> unless one is incoming.</summary>
    public void Accept()
    {
        lock (_gate)
        {
            var call = Require(CallState.Incoming, "There is no incoming call to accept.");
            _effects.Send(new CallSignal(ChatFrameKind.CallAccept, call.Id));
            Activate(call);
        }
    }

    /// <summary>Refuses the peer's call. <c>no_call</c> unless one is incoming.</summary>
    public void Decline()
    {
        lock (_gate)
        {
            var call = Require(CallState.Incoming, "There is no incoming call to decline.");
            _effects.Send(new CallSignal(ChatFrameKind.CallDecline, call.Id));
            End(CallReasons.Declined);
        }
    }

    /// <summary>Ends the call whatever its state (an incoming one is declined). <c>no_call</c> when there is none.</summary>
    public void Hangup()
    {
        lock (_gate)
        {
            var call = _call ?? throw new CallException(CallException.NoCall, "There is no call to hang up.");
            HangUpLocked(call, call.State == CallState.Incoming ? CallReasons.Declined : CallReasons.HungUp);
        }
    }

    /// <summary>Our microphone switch; the peer is told. <c>no_call</c> when there is none.</summary>
    public void SetMuted(bool muted)
    {
        lock (_gate)
        {
            var call = _call ?? throw new CallException(CallException.NoCall, "There is no call to mute.");
            if (call.Muted == muted) return;
            _effects.Send(new CallSignal(ChatFrameKind.CallMute, call.Id, muted));
            if (call.State == CallState.Active) _effects.MuteMedia(muted);
            Set(call with { Muted = muted });
        }
    }

    /// <summary>A signal from the peer (already decoded). Never throws.</summary>
    public void OnSignal(CallSignal signal)
    {
        lock (_gate)
        {
            if (_closed) return;
            var call = _call;
            Debug($"peer {signal}, we are {(call is null ? "idle" : call.State.WireName())}");
            switch (signal.Kind)
            {
                case ChatFrameKind.CallOffer: OnOffer(call, signal.Id); break;
                case ChatFrameKind.CallRing when Is(call, signal.Id, CallState.Ringing) && !call!.PeerRinging:
                    Set(call with { PeerRinging = true });
                    break;
                case ChatFrameKind.CallAccept when Is(call, signal.Id, CallState.Ringing):
                    Activate(call!);
                    break;
                case ChatFrameKind.CallDecline when Is(call, signal.Id, CallState.Ringing):
                    End(CallReasons.PeerDeclined);
                    break;
                case ChatFrameKind.CallHangup when call is not null && call.Id == signal.Id:
                    End(CallReasons.PeerHungUp);
                    break;
                case ChatFrameKind.CallMute when call is not null && call.Id == signal.Id && call.PeerMuted != signal.Muted:
                    Set(call with { PeerMuted = signal.Muted });
                    break;
            }
        }
    }

    /// <summary>A device failed but the call goes on: the active view carries the sentence.</summary>
    public void ReportDeviceProblem(CallId id, string sentence)
    {
        lock (_gate)
        {
            if (Is(_call, id, CallState.Active) && _call!.DeviceProblem != sentence)
                Set(_call with { DeviceProblem = sentence });
        }
    }

    /// <summary>Media could not run at all: the active call <paramref name="id"/> ends with <paramref name="reasonCode"/> (the peer sees a hang-up).</summary>
    public void Fail(CallId id, string reasonCode)
    {
        lock (_gate)
        {
            if (Is(_call, id, CallState.Active)) HangUpLocked(_call!, reasonCode);
        }
    }

    /// <summary>The room ended under the call (the peer left or vanished): nothing is sent; no call can start again.</summary>
    public void OnRoomGone(string reasonCode)
    {
        lock (_gate)
        {
            if (_closed) return;
            if (_call is not null) End(reasonCode);
            _closed = true;
        }
    }

    /// <summary>
    /// We leave the room: our call ends (<c>hung_up</c>, or <c>declined</c> if it was ringing here)
    /// without a frame. The peer learns from the room's own leave and ends its call
    /// <c>peer_left</c>, which says more than a hang-up would, and does not depend on which of the
    /// two frames (on two SCTP streams) arrived first.
    /// </summary>
    public void OnLeave()
    {
        lock (_gate)
        {
            if (_closed) return;
            if (_call is { } call) End(call.State == CallState.Incoming ? CallReasons.Declined : CallReasons.HungUp);
            _closed = true;
        }
    }

    public void Dispose()
    {
        lock (_gate) _closed = true;
        _ringTimer.Dispose();
    }

    private void OnOffer(CallView? call, CallId id)
    {
        if (call is null)
        {
            _effects.Send(new CallSignal(ChatFrameKind.CallRing, id));
            Set(new CallView(CallState.Incoming, id, Outgoing: false, Muted: false, PeerMuted: false, PeerRinging: false, StartedAt: null));
            Arm(id, _ringTimeout + IncomingGrace);
            return;
        }
        if (call.Id == id) return; // a repeat
        if (call.State == CallState.Ringing && call.Outgoing)
        {
            // Glare: both called. The lower id wins on both sides; the loser answers the winner's call.
            if (id.CompareTo(call.Id) >= 0) return;
            Info("both called at once; taking the peer's call");
            _effects.Send(new CallSignal(ChatFrameKind.CallAccept, id));
            Activate(call with { Id = id, Outgoing = false });
            return;
        }
        // Busy with another call: only a stale race gets here, and the caller should hear a no.
        _effects.Send(new CallSignal(ChatFrameKind.CallDecline, id));
    }

    private void HangUpLocked(CallView call, string reasonCode)
    {
        _effects.Send(new CallSignal(call.State == CallState.Incoming ? ChatFrameKind.CallDecline : ChatFrameKind.CallHangup, call.Id));
        End(reasonCode);
    }

    private void Activate(CallView call)
    {
        Disarm();
        var active = call with { State = CallState.Active, PeerRinging = false, StartedAt = _time.GetUtcNow() };
        _effects.StartMedia(active.Id, active.Muted);
        Set(active);
    }

    private void End(string reasonCode)
    {
        var call = _call!;
        Disarm();
        if (call.State == CallState.Active) _effects.StopMedia();
        _call = null;
        Info($"{call.State.WireName()} -> ended ({reasonCode})");
        _effects.Changed(call with { State = CallState.Ended, PeerRinging = false, ReasonCode = reasonCode });
    }

    private void Set(CallView view)
    {
        var from = _call?.State;
        _call = view;
        if (from != view.State) Info($"{(from is null ? "idle" : from.Value.WireName())} -> {view.State.WireName()}");
        _effects.Changed(view);
    }

    private void OnRingTimeout()
    {
        lock (_gate)
        {
            var call = _call;
            if (_closed || call is null || _timerFor != call.Id || call.State is not (CallState.Ringing or CallState.Incoming)) return;
            HangUpLocked(call, CallReasons.NoAnswer);
        }
    }

    private void Arm(CallId id, TimeSpan due)
    {
        _timerFor = id;
        _ringTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Disarm()
    {
        _timerFor = null;
        _ringTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private CallView Require(CallState state, string sentence)
    {
        if (_call is { } call && call.State == state) return call;
        throw new CallException(CallException.NoCall, sentence);
    }

    private static bool Is(CallView? call, CallId id, CallState state) => call is not null && call.Id == id && call.State == state;

    private void ThrowIfClosed()
    {
        if (_closed) throw new CallException(CallException.NoRoom, "The room has ended; there is no one to call.");
    }

    private void Info(string line)
    {
        if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, Category, line);
    }

    private void Debug(string line)
    {
        if (_log.IsEnabled(LogLevel.Debug)) _log.Write(LogLevel.Debug, Category, line);
    }
}
