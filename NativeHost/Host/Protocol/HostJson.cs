using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SecureLink.Host.Protocol;

/// <summary>
/// How every frame we write is serialized: the source-generated fast path of
/// <see cref="HostJsonContext"/>, into a writer with the relaxed encoder, so apostrophes and
/// non-ASCII text (chat in any language) go out as themselves rather than as \uXXXX escapes that
/// would triple their size. Frames are parsed by JSON.parse, never pasted into HTML, so HTML-safe
/// escaping buys nothing. (Passing the encoder through JsonSerializerOptions instead would switch
/// the context off its fast path, which measurably slowed the first answer.)
/// </summary>
public static class HostJson
{
    /// <summary>The source-generated type infos; use these with <see cref="Dispatch.Reply.Of"/> and event emitters.</summary>
    public static HostJsonContext Context => HostJsonContext.Default;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Serialize(object value, JsonTypeInfo typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            JsonSerializer.Serialize(writer, value, typeInfo);
        var bytes = buffer.WrittenSpan.ToArray();
        // The buffer may hold message text; it must not linger in freed memory.
        buffer.Clear();
        return bytes;
    }
}
