namespace SecureLink.WebRtc.Sdp;

/// <summary><c>a=rtpmap:111 opus/48000/2</c>: payload type, encoding name, clock rate, channels.</summary>
public sealed record RtpMap(int PayloadType, string Encoding, int ClockRate, int? Channels)
{
    /// <summary>Reads the value after <c>rtpmap:</c>; null when malformed.</summary>
    public static RtpMap? TryParse(string value)
    {
        var space = value.IndexOf(' ');
        if (space <= 0 || !SdpNumbers.TryPayloadType(value[..space], out var pt)) return null;
        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0) return null;
        if (!SdpNumbers.TryInt(parts[1], out var clock) || clock <= 0) return null;
        int? channels = null;
        if (parts.Length == 3)
        {
            if (!SdpNumbers.TryInt(parts[2], out var ch) || ch <= 0) return null;
            channels = ch;
        }
        return new RtpMap(pt, parts[0], clock, channels);
    }

    /// <summary>The value after <c>rtpmap:</c>.</summary>
    public override string ToString() =>
        Channels is { } ch ? $"{PayloadType} {Encoding}/{ClockRate}/{ch}" : $"{PayloadType} {Encoding}/{ClockRate}";
}
