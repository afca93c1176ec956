using System.Buffers.Binary;

namespace SecureLink.WebRtc.Rtcp;

/// <summary>
/// One reception report (RFC 3550 §6.4.1), 24 bytes: what the reporter saw of one source.
/// </summary>
/// <param name="Ssrc">The source this block reports on.</param>
/// <param name="FractionLost">Lost since the previous report, as a fixed-point fraction of 256.</param>
/// <param name="CumulativeLost">Expected minus received since the start; 24-bit signed (duplicates can make it negative).</param>
/// <param name="ExtendedHighestSequence">Cycles in the high 16 bits, highest sequence number in the low 16.</param>
/// <param name="Jitter">Interarrival jitter in RTP timestamp units.</param>
/// <param name="LastSenderReport">Middle 32 bits of the NTP time in the last SR from the source, 0 if none.</param>
/// <param name="DelaySinceLastSenderReport">Since that SR arrived, in units of 1/65536 s.</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence,
    uint Jitter, uint LastSenderReport, uint DelaySinceLastSenderReport)
{
    public const int Size = 24;
    public const int MaxCumulativeLost = 0x7FFFFF, MinCumulativeLost = -0x800000;

    /// <summary>Fraction lost as a number from 0 to 1.</summary>
    public double FractionLostRatio => FractionLost / 256.0;

    public static RtcpReportBlock Read(ReadOnlySpan<byte> d)
    {
        var lost = (d[5] << 16) | (d[6] << 8) | d[7];
        if ((lost & 0x800000) != 0) lost -= 0x1000000;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(d), d[4], lost,
            BinaryPrimitives.ReadUInt32BigEndian(d[8..]), BinaryPrimitives.ReadUInt32BigEndian(d[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(d[16..]), BinaryPrimitives.ReadUInt32BigEndian(d[20..]));
    }

    public void Write(Span<byte> d)
    {
        var lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(d, Ssrc);
        d[4] = FractionLost;
        d[5] = (byte)(lost >> 16); d[6] = (byte)(lost >> 8); d[7] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(d[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(d[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(d[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(d[20..], DelaySinceLastSenderReport);
    }

    internal static bool TryReadAll(ReadOnlySpan<byte> data, int count, out RtcpReportBlock[] blocks)
    {
        blocks = [];
        if (data.Length < count * Size) return false;
        blocks = new RtcpReportBlock[count];
        for (var i = 0; i < count; i++) blocks[i] = Read(data[(i * Size)..]);
        return true;
    }
}
