using System.Text.Json.Serialization;

namespace SecureLink.Host.Protocol;

/// <summary>
/// The room as <c>state.get</c> shows it. <see cref="State"/> takes the values of the
/// <c>room.state</c> event; <see cref="Role"/> is "creator" or "joiner". A creator still in
/// <c>waiting-reply</c> also gets <see cref="Invite"/>, <see cref="InviteQrSvg"/> and <see cref="Pin"/>
/// again (the popup closes whenever it loses focus and must be able to show them on reopening);
/// a joiner in <c>waiting-creator</c> gets <see cref="Reply"/> and <see cref="ReplyQrSvg"/>.
/// None of them is shown after that state.
/// </summary>
public sealed record RoomSnapshot(
    string RoomId,
    string Role,
    string State,
    string Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SafetyCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReasonCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FailedAttempts = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExpiresAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Invite = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InviteQrSvg = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pin = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reply = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplyQrSvg = null);

/// <summary>A history item: <see cref="From"/> is "me" or "peer", <see cref="Status"/> "sent" or "delivered", <see cref="SentAt"/> ISO 8601 UTC.</summary>
public sealed record ChatMessageSnapshot(string MessageId, string From, string Text, string SentAt, string Status);

/// <summary>
/// The call as <c>state.get</c> shows it (null when there is none): <see cref="State"/> takes the
/// values of the <c>call.state</c> event except "ended"; the optional fields as there.
/// </summary>
public sealed record CallSnapshot(
    string State,
    bool Muted,
    bool PeerMuted = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? PeerRinging = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceProblem = null);
