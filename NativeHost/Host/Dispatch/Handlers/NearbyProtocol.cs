using System.Text.Json.Serialization;

namespace SecureLink.Host.Protocol;

/// <summary>Answer to <c>room.create</c> with <c>visible: true</c>: the usual fields plus the label the room shows nearby people.</summary>
public sealed record VisibleRoomCreateResponse(long Id, string RoomId, string Invite, string InviteQrSvg, string Pin, string ExpiresAt, string NearbyLabel) : OkResponse(Id);

/// <summary>
/// Answer to <c>nearby.status</c>: whether the current room is visible, under which label, whether it is on the air
/// right now, and (joiner) whether its reply is being announced to a nearby creator.
/// </summary>
public sealed record NearbyStatusResponse(
    long Id,
    bool Visible,
    bool Advertising,
    bool ReplyAnnounced,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Label) : OkResponse(Id);

/// <summary>One room seen on the network: its label, the invite to join it with (checked to decode) and when that invite expires (ISO 8601 UTC).</summary>
public sealed record NearbyRoomInfo(string Label, string Invite, string ExpiresAt);

/// <summary><c>nearby.rooms</c>: every room seen so far by the running <c>nearby.browse</c>; <see cref="Done"/> on the last one.</summary>
public sealed record NearbyRoomsEvent(IReadOnlyList<NearbyRoomInfo> Rooms, bool Done) : HostEvent("nearby.rooms");
