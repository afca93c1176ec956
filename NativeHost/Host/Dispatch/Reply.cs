using System.Text.Json.Serialization.Metadata;

namespace SecureLink.Host.Dispatch;

/// <summary>
/// A handler's answer: a response record plus its source-generated type info, so the output
/// loop can serialize it without reflection.
/// </summary>
public readonly record struct Reply(object Value, JsonTypeInfo TypeInfo)
{
    public static Reply Of<T>(T value, JsonTypeInfo<T> typeInfo) where T : notnull => new(value, typeInfo);
}
