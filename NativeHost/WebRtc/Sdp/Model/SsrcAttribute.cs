namespace SecureLink.WebRtc.Sdp;

/// <summary><c>a=ssrc:1234 cname:xyz</c> (RFC 5576): the SSRC, the source attribute name and its value.</summary>
public sealed record SsrcAttribute(uint Ssrc, string Name, string? Value)
{
    /// <summary>Reads the value after <c>ssrc:</c>; null when malformed.</summary>
    public static SsrcAttribute? TryParse(string value)
    {
        var space = value.IndexOf(' ');
        if (space <= 0 || !uint.TryParse(value[..space], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var ssrc)) return null;
        var rest = value[(space + 1)..];
        if (rest.Length == 0) return null;
        var colon = rest.IndexOf(':');
        return colon < 0 ? new SsrcAttribute(ssrc, rest, null) : new SsrcAttribute(ssrc, rest[..colon], rest[(colon + 1)..]);
    }

    /// <summary>The value after <c>ssrc:</c>.</summary>
    public override string ToString() => Value is null ? $"{Ssrc} {Name}" : $"{Ssrc} {Name}:{Value}";
}
