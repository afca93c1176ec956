using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>A gap ack block: TSNs cumulative+Start .. cumulative+End were received.</summary>
public readonly record struct GapAckBlock(ushort Start, ushort End);

/// <summary>SACK (RFC 9260 §3.3.4): cumulative TSN ack, receiver window, gap ack blocks, duplicate TSNs.</summary>
public sealed class SackChunk(uint cumulativeTsnAck, uint advertisedReceiverWindow, GapAckBlock[] gapAckBlocks, uint[] duplicateTsns) : Chunk
{
    public uint CumulativeTsnAck { get; } = cumulativeTsnAck;
    public uint AdvertisedReceiverWindow { get; } = advertisedReceiverWindow;
    public GapAckBlock[] GapAckBlocks { get; } = gapAckBlocks;
    public uint[] DuplicateTsns { get; } = duplicateTsns;

    public override ChunkType Type => ChunkType.Sack;
    public override int ValueLength => 12 + 4 * GapAckBlocks.Length + 4 * DuplicateTsns.Length;

    public override void WriteValue(Span<byte> d)
    {
        BinaryPrimitives.WriteUInt32BigEndian(d, CumulativeTsnAck);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], AdvertisedReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(d[8..], (ushort)GapAckBlocks.Length);
        BinaryPrimitives.WriteUInt16BigEndian(d[10..], (ushort)DuplicateTsns.Length);
        var o = 12;
        foreach (var g in GapAckBlocks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(d[o..], g.Start);
            BinaryPrimitives.WriteUInt16BigEndian(d[(o + 2)..], g.End);
            o += 4;
        }
        foreach (var t in DuplicateTsns)
        {
            BinaryPrimitives.WriteUInt32BigEndian(d[o..], t);
            o += 4;
        }
    }

    internal static SackChunk ParseValue(ReadOnlySpan<byte> v)
    {
        Require(v.Length >= 12, "SACK too short");
        int gaps = BinaryPrimitives.ReadUInt16BigEndian(v[8..]);
        int dups = BinaryPrimitives.ReadUInt16BigEndian(v[10..]);
        Require(v.Length >= 12 + 4 * (gaps + dups), "SACK shorter than its block counts");
        var blocks = new GapAckBlock[gaps];
        var o = 12;
        for (var i = 0; i < gaps; i++, o += 4)
            blocks[i] = new GapAckBlock(BinaryPrimitives.ReadUInt16BigEndian(v[o..]), BinaryPrimitives.ReadUInt16BigEndian(v[(o + 2)..]));
        var dupTsns = new uint[dups];
        for (var i = 0; i < dups; i++, o += 4) dupTsns[i] = BinaryPrimitives.ReadUInt32BigEndian(v[o..]);
        return new SackChunk(BinaryPrimitives.ReadUInt32BigEndian(v), BinaryPrimitives.ReadUInt32BigEndian(v[4..]), blocks, dupTsns);
    }
}
