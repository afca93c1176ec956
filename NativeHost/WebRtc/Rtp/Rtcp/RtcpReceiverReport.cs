using System.Buffers.Binary;

namespace SecureLink.WebRtc.Rtcp;

/// <summary>RR (RFC 3550 §6.4.2): reception reports from a participant that is not sending.</summary>
public sealed class RtcpReceiverReport : RtcpPacket
{
    public uint Ssrc { get; init; }
    public IReadOnlyList<RtcpReportBlock> ReportBlocks { get; init; } = [];

    public override byte PacketType => RtcpPacketType.ReceiverReport;
    public override int Length => 8 + RtcpReportBlock.Size * ReportBlocks.Count;

    public override int WriteTo(Span<byte> d)
    {
        if (ReportBlocks.Count > 31) throw new InvalidOperationException("at most 31 report blocks");
        EnsureRoom(d, Length);
        RtcpHeader.Write(d, ReportBlocks.Count, PacketType, Length);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], Ssrc);
        for (var i = 0; i < ReportBlocks.Count; i++) ReportBlocks[i].Write(d[(8 + i * RtcpReportBlock.Size)..]);
        return Length;
    }

    internal static RtcpReceiverReport? TryRead(RtcpHeader h, ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 || !RtcpReportBlock.TryReadAll(body[4..], h.Count, out var blocks)) return null;
        return new RtcpReceiverReport { Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body), ReportBlocks = blocks };
    }
}
