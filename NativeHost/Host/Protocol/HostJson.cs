using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecureLink.Host.Protocol;

/// <summary>
/// The serializer settings of every frame we write: the source-generated context with the relaxed
/// encoder, so apostrophes and non-ASCII text (chat in any language) go out as themselves rather
/// than as \uXXXX escapes that would triple their size. Frames are parsed by JSON.parse, never
/// pasted into HTML, so HTML-safe escaping buys nothing.
/// </summary>
public static class HostJson
{
    public static HostJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
