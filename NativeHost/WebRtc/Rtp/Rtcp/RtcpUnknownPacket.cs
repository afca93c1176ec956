namespace SecureLink.WebRtc.Rtcp;

/// <summary>
/// A packet of a type we do not interpret (APP, RTPFB/PSFB feedback, XR, …), kept as bytes so a
/// compound packet with it still parses and the known parts are still used.
/// </summary>
public sealed class RtcpUnknownPacket : RtcpPacket
{
    public RtcpUnknownPacket(byte packetType, int count, byte[] body)
    {
        if (body.Length % 4 != 0) throw new ArgumentException("RTCP body must be whole words", nameof(body));
        PacketType = packetType;
        Count = count;
        Body = body;
    }

    public override byte PacketType { get; }

    /// <summary>The 5-bit count/format field (FMT for feedback packets).</summary>
    public int Count { get; }

    /// <summary>Everything after the 4-byte header, padding removed.</summary>
    public byte[] Body { get; }

    public override int Length => 4 + Body.Length;

    public override int WriteTo(Span<byte> d)
    {
        EnsureRoom(d, Length);
        RtcpHeader.Write(d, Count, PacketType, Length);
        Body.CopyTo(d[4..]);
        return Length;
    }
}
