using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>
/// DATA (RFC 9260 §3.3.1): one fragment of a user message. Flags: E (end) 0x01, B (begin) 0x02,
/// U (unordered) 0x04, I (SACK immediately, RFC 7053) 0x08.
/// </summary>
public sealed class DataChunk(uint tsn, ushort streamId, ushort ssn, uint ppid, ReadOnlyMemory<byte> payload,
    bool beginning = true, bool ending = true, bool unordered = false, bool immediate = false) : Chunk
{
    public const int HeaderLength = 16;
    public const byte FlagEnd = 0x01, FlagBegin = 0x02, FlagUnordered = 0x04, FlagImmediate = 0x08;

    public uint Tsn { get; } = tsn;
    public ushort StreamId { get; } = streamId;
    public ushort Ssn { get; } = ssn;
    public uint Ppid { get; } = ppid;
    public ReadOnlyMemory<byte> Payload { get; } = payload;
    public bool Beginning { get; } = beginning;
    public bool Ending { get; } = ending;
    public bool Unordered { get; } = unordered;
    public bool Immediate { get; } = immediate;

    public override ChunkType Type => ChunkType.Data;
    public override byte Flags => MakeFlags(Beginning, Ending, Unordered, Immediate);
    public override int ValueLength => 12 + Payload.Length;

    public static byte MakeFlags(bool beginning, bool ending, bool unordered, bool immediate = false) =>
        (byte)((ending ? FlagEnd : 0) | (beginning ? FlagBegin : 0) | (unordered ? FlagUnordered : 0) | (immediate ? FlagImmediate : 0));

    public override void WriteValue(Span<byte> destination) =>
        WriteValue(destination, Tsn, StreamId, Ssn, Ppid, Payload.Span);

    /// <summary>Writes a DATA chunk straight from its fields (the send path builds no chunk objects).</summary>
    public static int Write(Span<byte> destination, byte flags, uint tsn, ushort streamId, ushort ssn, uint ppid, ReadOnlySpan<byte> payload)
    {
        var length = HeaderLength + payload.Length;
        destination[0] = (byte)ChunkType.Data;
        destination[1] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)length));
        WriteValue(destination[4..], tsn, streamId, ssn, ppid, payload);
        var padded = Pad(length);
        destination[length..padded].Clear();
        return padded;
    }

    private static void WriteValue(Span<byte> d, uint tsn, ushort streamId, ushort ssn, uint ppid, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32BigEndian(d, tsn);
        BinaryPrimitives.WriteUInt16BigEndian(d[4..], streamId);
        BinaryPrimitives.WriteUInt16BigEndian(d[6..], ssn);
        BinaryPrimitives.WriteUInt32BigEndian(d[8..], ppid);
        payload.CopyTo(d[12..]);
    }

    internal static DataChunk ParseValue(byte flags, ReadOnlySpan<byte> v)
    {
        // RFC 9260 §6.2: a DATA chunk with no user data is a protocol violation; we just drop it.
        Require(v.Length > 12, "DATA chunk without user data");
        return new DataChunk(
            BinaryPrimitives.ReadUInt32BigEndian(v),
            BinaryPrimitives.ReadUInt16BigEndian(v[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(v[6..]),
            BinaryPrimitives.ReadUInt32BigEndian(v[8..]),
            v[12..].ToArray(),
            (flags & FlagBegin) != 0, (flags & FlagEnd) != 0, (flags & FlagUnordered) != 0, (flags & FlagImmediate) != 0);
    }
}
