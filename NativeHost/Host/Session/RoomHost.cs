using System.Globalization;
using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Protocol;
using SecureLink.Rooms.Call;
using SecureLink.Rooms.Chat;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Session;

/// <summary>
/// The host's one room (or none): creates and joins it, turns its events into protocol events,
/// and answers <c>state.get</c>. A room that failed or closed stays visible until the user
/// leaves it or starts another; a live one makes create/join answer <c>busy</c>.
/// </summary>
public sealed class RoomHost : ISessionState
{
    private readonly IEventSink _events;
    private readonly ILog _log;
    private readonly Func<RoomOptions, RoomOptions>? _tune;
    private readonly ICallDevices? _devices;
    private readonly Lock _gate = new();
    private RoomSession? _room;
    private bool _starting;

    /// <param name="events">Where protocol events go.</param>
    /// <param name="log">Host log (never content).</param>
    /// <param name="tune">Adjusts the options of every room (tests); null keeps the product defaults.</param>
    /// <param name="devices">Microphone and speaker for calls (from SECURELINK_AUDIO_IN / _OUT); null: silent devices.</param>
    public RoomHost(IEventSink events, ILog log, Func<RoomOptions, RoomOptions>? tune = null, ICallDevices? devices = null)
    {
        _events = events;
        _log = log;
        _tune = tune;
        _devices = devices;
    }

    /// <summary>The current room, if any.</summary>
    public RoomSession? Room { get { lock (_gate) return _room; } }

    public async Task<RoomSession> CreateAsync(RoomOptions options, CancellationToken ct) =>
        await StartAsync(sink => RoomSession.CreateAsync(Tune(options), sink, ct)).ConfigureAwait(false);

    public async Task<RoomSession> JoinAsync(string invite, string pin, CancellationToken ct) =>
        await StartAsync(sink => RoomSession.JoinAsync(invite, pin, Tune(new RoomOptions { Log = _log }), sink, ct)).ConfigureAwait(false);

    /// <summary>Leaves the room if there is one (idempotent).</summary>
    public async Task LeaveAsync(CancellationToken ct)
    {
        RoomSession? room;
        lock (_gate)
        {
            room = _room;
            _room = null;
        }
        if (room is not null)
        {
            await room.LeaveAsync(ct).ConfigureAwait(false);
            ReleaseFreedMemory();
        }
    }

    /// <summary>
    /// Managed strings (the PIN and texts as System.Text.Json hands them over) and freed transport
    /// buffers cannot be zeroed one by one; once the room dropped them, an aggressive compacting
    /// collection gives the free memory back to the OS, which zeroes those pages, so a memory
    /// dump taken after leave no longer finds them (tests/SecureLink.Security.Tests, CoreDumpAfterLeaveTests).
    /// </summary>
    private static void ReleaseFreedMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>The room, or <c>no_room</c>.</summary>
    public RoomSession Require() =>
        Room ?? throw new RequestException(ErrorCodes.NoRoom, "There is no room; create or join one first.");

    private RoomOptions Tune(RoomOptions options)
    {
        if (_devices is not null) options = options with { CallDevices = _devices };
        return _tune is null ? options : _tune(options);
    }

    private async Task<RoomSession> StartAsync(Func<Action<RoomEvent>, Task<RoomSession>> start)
    {
        RoomSession? ended = null;
        lock (_gate)
        {
            if (_starting || (_room is not null && !_room.State.IsFinal()))
                throw new RequestException(ErrorCodes.Busy, "A room is already open; leave it first.");
            ended = _room;
            _room = null;
            _starting = true;
        }
        try
        {
            if (ended is not null) await ended.LeaveAsync().ConfigureAwait(false);
            var room = await start(OnRoomEvent).ConfigureAwait(false);
            lock (_gate) _room = room;
            return room;
        }
        finally
        {
            lock (_gate) _starting = false;
        }
    }

    private void OnRoomEvent(RoomEvent e)
    {
        // Called on the room's single event loop: waiting here keeps the frames in the room's order.
        var emitting = e switch
        {
            // Our own leave is answered by room.leave; "left" is not a state the views show.
            RoomStateChanged { ReasonCode: RoomReasons.Left } => ValueTask.CompletedTask,
            RoomStateChanged s => _events.EmitAsync(new RoomStateEvent(s.To.WireName(), s.SafetyCode, s.ReasonCode, s.Reason,
                s.FailedAttempts > 0 || s.ReasonCode == RoomReasons.WrongPin ? s.FailedAttempts : null), HostJson.Context.RoomStateEvent, CancellationToken.None),
            RoomMessageAdded m => _events.EmitAsync(new ChatMessageEvent(m.Message.MessageId, From(m.Message.From), m.Message.Text, Iso(m.Message.SentAt)),
                HostJson.Context.ChatMessageEvent, CancellationToken.None),
            RoomReceipt r => _events.EmitAsync(new ChatReceiptEvent(r.MessageId, "delivered"), HostJson.Context.ChatReceiptEvent, CancellationToken.None),
            RoomPeerTyping t => _events.EmitAsync(new ChatTypingEvent(t.Typing), HostJson.Context.ChatTypingEvent, CancellationToken.None),
            RoomCallChanged c => _events.EmitAsync(CallEvents.State(c.Call), HostJson.Context.CallStateEvent, CancellationToken.None),
            RoomCallStats s => _events.EmitAsync(CallEvents.Stats(s.Stats), HostJson.Context.CallStatsEvent, CancellationToken.None),
            _ => ValueTask.CompletedTask,
        };
        if (!emitting.IsCompletedSuccessfully) emitting.AsTask().GetAwaiter().GetResult();
    }

    public SessionSnapshot GetSnapshot()
    {
        var room = Room;
        if (room is null) return SessionSnapshot.Empty;
        var invitation = room.Invitation;
        var reply = room.Reply;
        var snapshot = new RoomSnapshot(room.RoomId, room.Role.WireName(), room.State.WireName(),
            room.Mode == ConnectMode.Internet ? "internet" : "offline",
            room.SafetyCode, room.ReasonCode, room.Reason,
            room.Role == RoomRole.Creator ? room.FailedAttempts : null,
            Iso(room.ExpiresAt),
            invitation?.Invite, invitation?.InviteQrSvg, invitation?.Pin,
            reply?.Reply, reply?.ReplyQrSvg);
        var page = room.Snapshot();
        return new SessionSnapshot(snapshot, Messages(page.Messages), page.HasOlder, CallEvents.Snapshot(room.Call));
    }

    /// <summary>History items in protocol form.</summary>
    public static IReadOnlyList<ChatMessageSnapshot> Messages(IReadOnlyList<ChatMessage> messages) =>
        [.. messages.Select(m => new ChatMessageSnapshot(m.MessageId, From(m.From), m.Text, Iso(m.SentAt),
            m.Status == ChatMessageStatus.Delivered ? "delivered" : "sent"))];

    /// <summary>At host exit: leave properly (the peer sees peer_left), bounded, then zero what is left.</summary>
    public void Wipe()
    {
        RoomSession? room;
        lock (_gate)
        {
            room = _room;
            _room = null;
        }
        if (room is null) return;
        try
        {
            room.LeaveAsync().Wait(TimeSpan.FromMilliseconds(1500));
        }
        catch (Exception e)
        {
            if (_log.IsEnabled(LogLevel.Error)) _log.Write(LogLevel.Error, "room", $"leave at exit: {e.GetType().Name}");
        }
        room.Wipe();
    }

    public static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string From(ChatSender s) => s == ChatSender.Me ? "me" : "peer";
}
