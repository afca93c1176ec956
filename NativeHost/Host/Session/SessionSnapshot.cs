using SecureLink.Host.Protocol;

namespace SecureLink.Host.Session;

/// <summary>What <c>state.get</c> returns: the room (or null), the newest messages, whether older ones exist, the call (or null).</summary>
public sealed record SessionSnapshot(
    RoomSnapshot? Room,
    IReadOnlyList<ChatMessageSnapshot> Messages,
    bool HasOlder,
    CallSnapshot? Call)
{
    public static SessionSnapshot Empty { get; } = new(null, [], false, null);
}
