using System.Buffers.Binary;

namespace SecureLink.WebRtc.Rtcp;

/// <summary>SR (RFC 3550 §6.4.1): the sender's clocks and counts, plus reception reports.</summary>
public sealed class RtcpSenderReport : RtcpPacket
{
    public uint Ssrc { get; init; }

    /// <summary>Wall clock when sent, as a 64-bit NTP timestamp (see <see cref="NtpTimestamp"/>).</summary>
    public ulong NtpTimestamp { get; init; }
    public uint RtpTimestamp { get; init; }
    public uint PacketCount { get; init; }
    public uint OctetCount { get; init; }
    public IReadOnlyList<RtcpReportBlock> ReportBlocks { get; init; } = [];

    public override byte PacketType => RtcpPacketType.SenderReport;
    public override int Length => 28 + RtcpReportBlock.Size * ReportBlocks.Count;

    public override int WriteTo(Span<byte> d)
    {
        if (ReportBlocks.Count > 31) throw new InvalidOperationException("at most 31 report blocks");
        EnsureRoom(d, Length);
        RtcpHeader.Write(d, ReportBlocks.Count, PacketType, Length);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(d[8..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(d[16..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(d[20..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(d[24..], OctetCount);
        for (var i = 0; i < ReportBlocks.Count; i++) ReportBlocks[i].Write(d[(28 + i * RtcpReportBlock.Size)..]);
        return Length;
    }

    internal static RtcpSenderReport? TryRead(RtcpHeader h, ReadOnlySpan<byte> body)
    {
        // Profile-specific extensions after the blocks are allowed and skipped.
        if (body.Length < 24 || !RtcpReportBlock.TryReadAll(body[24..], h.Count, out var blocks)) return null;
        return new RtcpSenderReport
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body),
            NtpTimestamp = BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
            RtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            PacketCount = BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
            OctetCount = BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
            ReportBlocks = blocks,
        };
    }
}
