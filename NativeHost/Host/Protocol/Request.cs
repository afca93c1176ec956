using System.Text.Json;

namespace SecureLink.Host.Protocol;

/// <summary>
/// A request whose envelope passed validation: it is a JSON object with an integer <c>id</c> and a
/// string <c>type</c>. <see cref="Body"/> (the whole object) lives only while the frame does.
/// </summary>
public readonly record struct Request(long Id, string Type, JsonElement Body);
