using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>A stream and the last SSN skipped on it, in a FORWARD-TSN.</summary>
public readonly record struct ForwardTsnStream(ushort StreamId, ushort Ssn);

/// <summary>FORWARD-TSN (RFC 3758 §3.2): the receiver moves its cumulative TSN to NewCumulativeTsn,
/// giving up on abandoned messages, and skips the listed ordered streams past the listed SSNs.</summary>
public sealed class ForwardTsnChunk(uint newCumulativeTsn, ForwardTsnStream[] streams) : Chunk
{
    public uint NewCumulativeTsn { get; } = newCumulativeTsn;
    public ForwardTsnStream[] Streams { get; } = streams;
    public override ChunkType Type => ChunkType.ForwardTsn;
    public override int ValueLength => 4 + 4 * Streams.Length;

    public override void WriteValue(Span<byte> d)
    {
        BinaryPrimitives.WriteUInt32BigEndian(d, NewCumulativeTsn);
        var o = 4;
        foreach (var s in Streams)
        {
            BinaryPrimitives.WriteUInt16BigEndian(d[o..], s.StreamId);
            BinaryPrimitives.WriteUInt16BigEndian(d[(o + 2)..], s.Ssn);
            o += 4;
        }
    }

    internal static ForwardTsnChunk ParseValue(ReadOnlySpan<byte> v)
    {
        Require(v.Length >= 4, "FORWARD-TSN too short");
        var n = (v.Length - 4) / 4;
        var streams = new ForwardTsnStream[n];
        for (var i = 0; i < n; i++)
            streams[i] = new ForwardTsnStream(BinaryPrimitives.ReadUInt16BigEndian(v[(4 + 4 * i)..]), BinaryPrimitives.ReadUInt16BigEndian(v[(6 + 4 * i)..]));
        return new ForwardTsnChunk(BinaryPrimitives.ReadUInt32BigEndian(v), streams);
    }
}
