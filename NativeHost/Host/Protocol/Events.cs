using System.Text.Json.Serialization;

namespace SecureLink.Host.Protocol;

/// <summary>
/// Base of every event frame: <c>{"event": "name", ...}</c>, sent without an id whenever something
/// changes. Each event is one record listed in <see cref="HostJsonContext"/>.
/// </summary>
public abstract record HostEvent([property: JsonPropertyOrder(-1)] string Event);

/// <summary><c>room.state</c>: the room moved to <see cref="State"/>.</summary>
public sealed record RoomStateEvent(
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SafetyCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReasonCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FailedAttempts = null)
    : HostEvent("room.state");

/// <summary><c>chat.message</c>: a message was sent (<c>from: "me"</c>) or received (<c>"peer"</c>).</summary>
public sealed record ChatMessageEvent(string MessageId, string From, string Text, string SentAt) : HostEvent("chat.message");

/// <summary><c>chat.receipt</c>: the peer confirmed it received <see cref="MessageId"/>.</summary>
public sealed record ChatReceiptEvent(string MessageId, string Status) : HostEvent("chat.receipt");

/// <summary><c>chat.typing</c>: the peer started or stopped typing.</summary>
public sealed record ChatTypingEvent(bool Typing) : HostEvent("chat.typing");

/// <summary><c>call.state</c>: the call moved to <see cref="State"/>; <see cref="ReasonCode"/>/<see cref="Reason"/> when it ended.</summary>
public sealed record CallStateEvent(
    string State,
    bool Muted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReasonCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
    : HostEvent("call.state");

/// <summary><c>call.stats</c>: call quality, about once a second during a call.</summary>
public sealed record CallStatsEvent(double RttMs, double LossPct, double JitterMs, double Mos) : HostEvent("call.stats");
