using System.Net;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Qr;
using SecureLink.WebRtc;
using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Ice;

namespace SecureLink.Rooms.Session;

/// <summary>
/// The creator's side. The invite fixes our ICE credentials, DTLS certificate and candidate
/// ports, and a joiner who typed a wrong PIN tries again with that same invite. So each attempt
/// gets a fresh <see cref="RtcPeerConnection"/> (the stack has no ICE restart), created after the
/// previous one is closed, with the same certificate, credentials and ports: to the joiner it is
/// the same creator, and nothing of the failed attempt (DTLS or SCTP state) leaks into the next.
/// </summary>
public sealed partial class RoomSession
{
    private IceParameters? _iceParameters;
    private IReadOnlyDictionary<IPAddress, int>? _localPorts;
    private IReadOnlyList<string> _stun = [];
    private RtcPeerConnection? _pendingConnection;
    private bool _accepting;

    /// <summary>
    /// Makes a room: gathers, builds the invite (text + QR SVG), draws the PIN. The room starts in
    /// <see cref="RoomState.WaitingReply"/>. <paramref name="onEvent"/> hears every event in order.
    /// </summary>
    public static async Task<RoomSession> CreateAsync(RoomOptions options, Action<RoomEvent>? onEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PinDigits, Pin.MinDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PinDigits, Pin.MaxDigits);
        if (options.ExpiresIn < TimeSpan.FromSeconds(10) || options.ExpiresIn > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(options), "An invite lives 10 s to 1 h.");
        var session = new RoomSession(RoomRole.Creator, options.Mode, RoomState.WaitingReply, options, onEvent);
        try
        {
            await session.PrepareInviteAsync(ct).ConfigureAwait(false);
            session.AnnounceInitialState();
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task PrepareInviteAsync(CancellationToken ct)
    {
        _roomId = NewRoomId();
        _certificate = DtlsCertificate.Generate();
        _stun = Mode == ConnectMode.Internet ? [.. _options.StunServers] : [];
        var pc = NewConnection(_stun, _options.ConnectTimeout);
        _pendingConnection = pc;
        var offer = await pc.CreateOfferAsync(ct).ConfigureAwait(false);
        _iceParameters = pc.LocalIceParameters;
        // The code carries whole seconds.
        var now = _time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + _options.ExpiresIn).ToUnixTimeSeconds());
        var invite = CodeSdp.InviteFromOffer(offer, _roomId, Mode, _stun, expires);
        var ports = new Dictionary<IPAddress, int>();
        foreach (var c in invite.Candidates)
            if (!c.IsServerReflexive) ports.TryAdd(c.Address, c.Port);
        _localPorts = ports;
        var text = InviteCode.Encode(invite);
        var pin = Pin.Generate(_options.PinDigits);
        _pin = pin.ToCharArray();
        _invitation = new RoomInvitation(RoomId, text, QrRenderer.ToSvg(text), pin, expires);
        StartExpiry(expires);
        Info($"invite ready: {invite.Candidates.Count} candidate(s), {text.Length} chars, mode {Mode}");
    }

    /// <summary>
    /// Takes the joiner's reply and starts connecting; returns once the attempt is under way
    /// (progress follows as events). Errors: <see cref="CodeException"/> for a bad reply
    /// (<c>invite_corrupt</c>, <c>invite_foreign</c>, ...), <see cref="RoomException"/>
    /// <c>room_burned</c>, <c>invite_expired</c>, <c>busy</c> (an attempt is running), <c>no_room</c>.
    /// </summary>
    public async Task AcceptAsync(string replyText, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(replyText);
        if (Role != RoomRole.Creator) throw new RoomException("not_creator", "Only the room's creator takes a reply.");
        lock (_gate)
        {
            if (_attempts.Burned) throw new RoomException(RoomReasons.RoomBurned, RoomReasons.Sentence(RoomReasons.RoomBurned));
            if (_state == RoomState.Failed && _reasonCode == RoomReasons.InviteExpired)
                throw new RoomException(RoomReasons.InviteExpired, RoomReasons.Sentence(RoomReasons.InviteExpired));
            if (_state.IsFinal()) throw new RoomException("no_room", "This room has ended; start a new one.");
            if (_state != RoomState.WaitingReply || _accepting) throw new RoomException("busy", "A reply is already being checked.");
            _accepting = true;
        }
        try
        {
            var reply = ReplyCode.Decode(replyText, _roomId);
            var pc = Interlocked.Exchange(ref _pendingConnection, null);
            if (pc is null)
            {
                pc = NewConnection(_stun, _options.ConnectTimeout, _iceParameters, _localPorts);
                // Binds the invite's ports again; the offer itself is not needed (the joiner has the invite).
                await pc.CreateOfferAsync(ct).ConfigureAwait(false);
            }
            var attempt = new Attempt(this, pc) { RemoteHadServerReflexive = reply.Candidates.Any(c => c.IsServerReflexive) };
            lock (_gate) _attempt = attempt;
            await pc.SetRemoteAnswerAsync(CodeSdp.AnswerFromReply(reply), ct).ConfigureAwait(false);
            if (!TrySetState(RoomState.Connecting, when: from => from == RoomState.WaitingReply))
            {
                await attempt.DisposeAsync().ConfigureAwait(false);
                throw new RoomException("no_room", "This room has ended; start a new one.");
            }
            attempt.Start();
        }
        finally
        {
            lock (_gate) _accepting = false;
        }
    }

    /// <summary>After a failed attempt: the creator waits for the next reply, or the room is burned.</summary>
    private void CreatorAttemptFailed(PakeFailure failure)
    {
        if (failure == PakeFailure.WrongPin)
        {
            _attempts.RecordWrongPin();
            if (_attempts.Burned)
            {
                TrySetState(RoomState.Failed, RoomReasons.RoomBurned);
                return;
            }
            TrySetState(RoomState.WaitingReply, RoomReasons.WrongPin, from => from is RoomState.Authenticating or RoomState.Connecting);
            return;
        }
        // A protocol error or timeout says nothing about the PIN: same count, next reply welcome.
        TrySetState(RoomState.WaitingReply, RoomReasons.HostError, from => from is RoomState.Authenticating or RoomState.Connecting);
    }
}
