using System.Text.Json;
using System.Text.Unicode;

namespace SecureLink.Host.Protocol;

/// <summary>
/// Checks a frame's envelope in a fixed order — UTF-8, JSON, object, id, type — so each kind of bad
/// input gets its own error code. Field checks of a particular request belong to its handler.
/// </summary>
public static class RequestParser
{
    /// <summary>Deep enough for every real request, shallow enough that 10,000 '[' cost nothing.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        // Two "type" or "id" keys would let two readers disagree on what was asked.
        AllowDuplicateProperties = false,
    };

    public static ParseOutcome Parse(ReadOnlyMemory<byte> frame)
    {
        if (!Utf8.IsValid(frame.Span))
            return ParseOutcome.Invalid(null, null, new RequestException(ErrorCodes.InvalidUtf8, "The frame is not valid UTF-8."));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, DocumentOptions);
        }
        catch (JsonException)
        {
            return ParseOutcome.Invalid(null, null, new RequestException(ErrorCodes.BadJson, "The frame is not well-formed JSON (or is nested too deeply)."));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check unescapes every property name, and a name holding an escaped
            // lone surrogate ("\ud800") cannot be unescaped: that is malformed text, not a host fault.
            return ParseOutcome.Invalid(null, null, new RequestException(ErrorCodes.BadJson, "A property name in the frame is not valid Unicode text."));
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return ParseOutcome.Invalid(document, null, new RequestException(ErrorCodes.NotAnObject, "A request must be a JSON object."));

        if (!root.TryGetProperty("id", out var idElement))
            return ParseOutcome.Invalid(document, null, new RequestException(ErrorCodes.MissingField, "Field 'id' is required."));
        if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out var id))
            return ParseOutcome.Invalid(document, null, new RequestException(ErrorCodes.WrongType, "Field 'id' must be a whole number."));

        if (!root.TryGetProperty("type", out var typeElement))
            return ParseOutcome.Invalid(document, id, new RequestException(ErrorCodes.MissingField, "Field 'type' is required."));
        if (typeElement.ValueKind != JsonValueKind.String)
            return ParseOutcome.Invalid(document, id, new RequestException(ErrorCodes.WrongType, "Field 'type' must be a string."));

        if (!RequestFields.TryGetString(typeElement, out var type))
            return ParseOutcome.Invalid(document, id, new RequestException(ErrorCodes.BadJson, "Field 'type' is not valid Unicode text."));

        return ParseOutcome.Valid(document, new Request(id, type, root));
    }
}
