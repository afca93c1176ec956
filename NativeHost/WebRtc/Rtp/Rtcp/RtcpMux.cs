namespace SecureLink.WebRtc.Rtcp;

/// <summary>
/// Telling RTP from RTCP on one port (RFC 5761 §4): the second byte of RTCP is its packet type,
/// 192–223 in practice, which in RTP would read as marker set with payload type 64–95. So under
/// rtcp-mux RTP must not use payload types 64–95, and a packet whose second byte is 192–223 is RTCP.
/// </summary>
public static class RtcpMux
{
    /// <summary>First byte 128–191: RTP or RTCP rather than STUN, DTLS or others (RFC 7983).</summary>
    public static bool IsRtpOrRtcp(ReadOnlySpan<byte> packet) => packet.Length > 0 && packet[0] is >= 128 and <= 191;

    /// <summary>True for RTCP, false for RTP (or anything too short to be either).</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> packet) =>
        packet.Length >= 8 && IsRtpOrRtcp(packet) && packet[1] is >= 192 and <= 223;

    /// <summary>True for RTP under rtcp-mux.</summary>
    public static bool IsRtp(ReadOnlySpan<byte> packet) =>
        packet.Length >= 12 && IsRtpOrRtcp(packet) && packet[1] is not (>= 192 and <= 223);

    /// <summary>Payload types safe to use with rtcp-mux (0–63 and 96–127).</summary>
    public static bool IsMuxSafePayloadType(int payloadType) => payloadType is (>= 0 and < 64) or (> 95 and <= 127);
}
