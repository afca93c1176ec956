using SecureLink.Rooms.Call;
using SecureLink.Rooms.Chat;

namespace SecureLink.Rooms.Session;

/// <summary>Something a room's views must hear about, raised in order on one loop.</summary>
public abstract record RoomEvent;

/// <summary>The room moved from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record RoomStateChanged(RoomState From, RoomState To, string? ReasonCode, string? Reason, int FailedAttempts, string? SafetyCode) : RoomEvent;

/// <summary>A message joined the history (ours as sent, or the peer's).</summary>
public sealed record RoomMessageAdded(ChatMessage Message) : RoomEvent;

/// <summary>The peer confirmed one of our messages.</summary>
public sealed record RoomReceipt(string MessageId) : RoomEvent;

/// <summary>What to show of the peer's typing changed.</summary>
public sealed record RoomPeerTyping(bool Typing) : RoomEvent;

/// <summary>The call changed (started ringing, came in, became active, muted, ended). An ended view is the call's last.</summary>
public sealed record RoomCallChanged(CallView Call) : RoomEvent;

/// <summary>The active call's quality and counters, a few times a second.</summary>
public sealed record RoomCallStats(CallAudioStats Stats) : RoomEvent;

/// <summary>What the creator shows (and may show again while waiting for a reply).</summary>
public sealed record RoomInvitation(string RoomId, string Invite, string InviteQrSvg, string Pin, DateTimeOffset ExpiresAt);

/// <summary>What the joiner shows the creator.</summary>
public sealed record RoomReply(string RoomId, string Reply, string ReplyQrSvg);
