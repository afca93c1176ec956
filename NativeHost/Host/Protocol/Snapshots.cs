using System.Text.Json.Serialization;

namespace SecureLink.Host.Protocol;

/// <summary>
/// The room as <c>state.get</c> shows it. <see cref="State"/> takes the values of the
/// <c>room.state</c> event; <see cref="Role"/> is "creator" or "joiner".
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExpiresAt = null);

/// <summary>A history item: <see cref="From"/> is "me" or "peer", <see cref="Status"/> "sent" or "delivered", <see cref="SentAt"/> ISO 8601 UTC.</summary>
public sealed record ChatMessageSnapshot(string MessageId, string From, string Text, string SentAt, string Status);

/// <summary>The call as <c>state.get</c> shows it; <see cref="State"/> takes the values of the <c>call.state</c> event.</summary>
public sealed record CallSnapshot(string State, bool Muted);
