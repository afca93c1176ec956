namespace SecureLink.WebRtc.Rtcp;

/// <summary>One packet of an RTCP compound packet.</summary>
public abstract class RtcpPacket
{
    public abstract byte PacketType { get; }

    /// <summary>Bytes on the wire, header included (a multiple of 4).</summary>
    public abstract int Length { get; }

    /// <summary>Writes the packet; returns <see cref="Length"/>.</summary>
    public abstract int WriteTo(Span<byte> destination);

    protected static void EnsureRoom(Span<byte> destination, int length)
    {
        if (destination.Length < length) throw new ArgumentException("destination too small", nameof(destination));
    }
}
