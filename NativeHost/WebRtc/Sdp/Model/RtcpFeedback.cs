namespace SecureLink.WebRtc.Sdp;

/// <summary><c>a=rtcp-fb:111 transport-cc</c> or <c>a=rtcp-fb:* nack pli</c> (RFC 4585). PayloadType is a number or "*".</summary>
public sealed record RtcpFeedback(string PayloadType, string Type, string? Parameter)
{
    /// <summary>Reads the value after <c>rtcp-fb:</c>; null when malformed.</summary>
    public static RtcpFeedback? TryParse(string value)
    {
        var parts = value.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        if (parts[0] != "*" && !SdpNumbers.TryPayloadType(parts[0], out _)) return null;
        return new RtcpFeedback(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>The value after <c>rtcp-fb:</c>.</summary>
    public override string ToString() => Parameter is null ? $"{PayloadType} {Type}" : $"{PayloadType} {Type} {Parameter}";
}
