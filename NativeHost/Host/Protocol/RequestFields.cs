using System.Text.Json;

namespace SecureLink.Host.Protocol;

/// <summary>
/// Typed access to a request's fields that answers <c>missing_field</c> / <c>wrong_type</c> with a
/// sentence naming the field. Messages never echo the field's value: it may be private.
/// </summary>
public static class RequestFields
{
    public static JsonElement Require(JsonElement request, string name)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Undefined)
            throw new RequestException(ErrorCodes.MissingField, $"Field '{name}' is required.");
        return value;
    }

    /// <summary>A required JSON number; the caller decides what values it accepts.</summary>
    public static JsonElement RequireNumber(JsonElement request, string name)
    {
        var value = Require(request, name);
        if (value.ValueKind != JsonValueKind.Number)
            throw new RequestException(ErrorCodes.WrongType, $"Field '{name}' must be a number.");
        return value;
    }

    public static string RequireString(JsonElement request, string name)
    {
        var value = Require(request, name);
        if (value.ValueKind != JsonValueKind.String)
            throw new RequestException(ErrorCodes.WrongType, $"Field '{name}' must be a string.");
        if (!TryGetString(value, out var text))
            throw new RequestException(ErrorCodes.BadJson, $"Field '{name}' is not valid Unicode text.");
        return text;
    }

    /// <summary>
    /// Reads a JSON string. Valid UTF-8 can still spell an escaped lone surrogate ("\uD800"),
    /// which System.Text.Json refuses to turn into a string; that is the client's error, not ours.
    /// </summary>
    public static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    public static bool RequireBoolean(JsonElement request, string name)
    {
        var value = Require(request, name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestException(ErrorCodes.WrongType, $"Field '{name}' must be true or false."),
        };
    }

    /// <summary>An optional integer in [min, max]; null when absent or JSON null.</summary>
    public static int? OptionalInt32(JsonElement request, string name, int min, int max)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n))
            throw new RequestException(ErrorCodes.WrongType, $"Field '{name}' must be a whole number.");
        if (n < min || n > max)
            throw new RequestException(ErrorCodes.WrongType, $"Field '{name}' must be between {min} and {max}.");
        return n;
    }
}
