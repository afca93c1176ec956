namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// The pre-RFC 8841 form still sent by aiortc 1.4: <c>m=application 9 DTLS/SCTP 5000</c> with
/// <c>a=sctpmap:5000 webrtc-datachannel 65535</c> (SCTP port, protocol, number of streams).
/// </summary>
public sealed record SctpMap(int Port, string Protocol, int? Streams)
{
    /// <summary>Reads the value after <c>sctpmap:</c>; null when malformed.</summary>
    public static SctpMap? TryParse(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3 || !SdpNumbers.TryPort(parts[0], out var port)) return null;
        int? streams = null;
        if (parts.Length == 3)
        {
            if (!SdpNumbers.TryInt(parts[2], out var s)) return null;
            streams = s;
        }
        return new SctpMap(port, parts[1], streams);
    }

    /// <summary>The value after <c>sctpmap:</c>.</summary>
    public override string ToString() => Streams is { } s ? $"{Port} {Protocol} {s}" : $"{Port} {Protocol}";
}
