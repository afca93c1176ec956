using System.Text.Json.Serialization;

namespace SecureLink.Host.Protocol;

/// <summary>
/// Base of every successful response: <c>{"id": n, "ok": true, ...}</c>. Handlers derive one record
/// per result shape and list it in <see cref="HostJsonContext"/>.
/// </summary>
public abstract record OkResponse([property: JsonPropertyOrder(-2)] long Id)
{
    [JsonPropertyOrder(-1)]
    public bool Ok => true;
}

/// <summary>A success with no further fields (<c>{}</c> in docs/protocol.md), e.g. <c>room.leave</c>.</summary>
public sealed record EmptyResponse(long Id) : OkResponse(Id);

/// <summary>
/// <c>{"id": n|null, "ok": false, "error": {...}}</c>. <see cref="Id"/> is null when the request's id
/// could not be read (bad JSON, missing or non-integer id, oversized frame).
/// </summary>
public sealed record ErrorResponse(
    [property: JsonPropertyOrder(-2)] long? Id,
    ErrorBody Error)
{
    [JsonPropertyOrder(-1)]
    public bool Ok => false;
}

/// <summary>An error's stable <see cref="Code"/> and a one-sentence <see cref="Message"/> for people.</summary>
public sealed record ErrorBody(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? Supported = null);

/// <summary>Answer to <c>hello</c>.</summary>
public sealed record HelloResponse(long Id, HostInfo Host) : OkResponse(Id);

/// <summary>Who answered: host version, protocol version, and its process id (so a client can tell the same host survived).</summary>
public sealed record HostInfo(string Version, int Protocol, int Pid);

/// <summary>Answer to <c>state.get</c>: everything a freshly opened popup needs to draw itself.</summary>
public sealed record StateSnapshotResponse(
    long Id,
    RoomSnapshot? Room,
    IReadOnlyList<ChatMessageSnapshot> Messages,
    bool HasOlder,
    CallSnapshot? Call) : OkResponse(Id);

/// <summary><c>audio.devices</c>: the Pulse sources (<see cref="Inputs"/>) and sinks (<see cref="Outputs"/>); empty when none can be listed.</summary>
public sealed record AudioDevicesResponse(long Id, IReadOnlyList<AudioDevice> Inputs, IReadOnlyList<AudioDevice> Outputs) : OkResponse(Id);

/// <summary>One device: <see cref="Id"/> goes back in <c>audio.select</c>, <see cref="Name"/> is shown.</summary>
public sealed record AudioDevice(string Id, string Name);
