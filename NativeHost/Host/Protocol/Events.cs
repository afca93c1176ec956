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

/// <summary>
/// <c>call.state</c>: the call moved to <see cref="State"/> ("ringing" | "incoming" | "active" |
/// "ended") or one of its flags changed. <see cref="PeerRinging"/> (ringing only): the peer's host
/// confirmed it is alerting. <see cref="StartedAt"/> (active): when the call was answered, ISO 8601
/// UTC. <see cref="DeviceProblem"/> (active): a sentence when a device failed and the call goes on.
/// <see cref="ReasonCode"/>/<see cref="Reason"/>: why it ended.
/// </summary>
public sealed record CallStateEvent(
    string State,
    bool Muted,
    bool PeerMuted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? PeerRinging = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceProblem = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReasonCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
    : HostEvent("call.state");

/// <summary>
/// <c>call.stats</c>: call quality while a call is active, at least twice a second.
/// <see cref="RttMs"/> and <see cref="RemoteLossPct"/> are absent until the first RTCP report;
/// <see cref="LossPct"/> is the peer's audio as it reaches us (before FEC repairs it);
/// <see cref="Mos"/> is the ITU-T G.107 E-model estimate (1..4.5) from <see cref="R"/>;
/// <see cref="MicLevel"/> is our microphone, 0..1 (0 while muted).
/// </summary>
public sealed record CallStatsEvent(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RttMs,
    double LossPct,
    double JitterMs,
    double Mos,
    double MicLevel,
    double R = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RemoteLossPct = null,
    long PacketsSent = 0,
    long PacketsReceived = 0,
    long FecRecovered = 0,
    long Concealed = 0,
    double JitterBufferMs = 0,
    int BitrateBps = 0)
    : HostEvent("call.stats");
