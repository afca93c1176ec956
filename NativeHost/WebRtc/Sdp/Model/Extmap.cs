namespace SecureLink.WebRtc.Sdp;

/// <summary><c>a=extmap:1[/sendrecv] urn:ietf:params:rtp-hdrext:ssrc-audio-level [attributes]</c> (RFC 8285).</summary>
public sealed record Extmap(int Id, string? Direction, string Uri, string? ExtensionAttributes)
{
    /// <summary>Reads the value after <c>extmap:</c>; null when malformed.</summary>
    public static Extmap? TryParse(string value)
    {
        var parts = value.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        var idPart = parts[0];
        string? direction = null;
        var slash = idPart.IndexOf('/');
        if (slash >= 0)
        {
            direction = idPart[(slash + 1)..];
            idPart = idPart[..slash];
        }
        if (!SdpNumbers.TryInt(idPart, out var id) || id is < 1 or > 255) return null;
        return new Extmap(id, direction, parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>The value after <c>extmap:</c>.</summary>
    public override string ToString()
    {
        var id = Direction is null ? Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Id}/{Direction}";
        return ExtensionAttributes is null ? $"{id} {Uri}" : $"{id} {Uri} {ExtensionAttributes}";
    }
}
