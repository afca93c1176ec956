using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>
/// One chunk: type, flags, length, value, padded to 4 bytes (RFC 9260 §3.2).
/// Subclasses know their value layout; this class knows the TLV frame.
/// </summary>
public abstract class Chunk
{
    public abstract ChunkType Type { get; }

    /// <summary>The chunk flags byte.</summary>
    public virtual byte Flags => 0;

    /// <summary>Length of the value (after the 4-byte header), without padding.</summary>
    public abstract int ValueLength { get; }

    /// <summary>Writes the value (exactly <see cref="ValueLength"/> bytes).</summary>
    public abstract void WriteValue(Span<byte> destination);

    /// <summary>Header plus value plus padding: the bytes this chunk takes in a packet.</summary>
    public int PaddedLength => Pad(4 + ValueLength);

    /// <summary>Writes the whole chunk with padding; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var length = 4 + ValueLength;
        destination[0] = (byte)Type;
        destination[1] = Flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)length));
        WriteValue(destination.Slice(4, ValueLength));
        var padded = Pad(length);
        destination[length..padded].Clear();
        return padded;
    }

    /// <summary>Rounds up to the next multiple of 4.</summary>
    public static int Pad(int length) => (length + 3) & ~3;

    /// <summary>Parses one chunk from its type, flags and value; throws <see cref="SctpFormatException"/>.</summary>
    public static Chunk Parse(byte type, byte flags, ReadOnlySpan<byte> value) => (ChunkType)type switch
    {
        ChunkType.Data => DataChunk.ParseValue(flags, value),
        ChunkType.Init => InitChunk.ParseValue(isAck: false, value),
        ChunkType.InitAck => InitChunk.ParseValue(isAck: true, value),
        ChunkType.Sack => SackChunk.ParseValue(value),
        ChunkType.Heartbeat => HeartbeatChunk.ParseValue(isAck: false, value),
        ChunkType.HeartbeatAck => HeartbeatChunk.ParseValue(isAck: true, value),
        ChunkType.Abort => new AbortChunk(ErrorCause.ParseList(value), (flags & 1) != 0),
        ChunkType.Shutdown => ShutdownChunk.ParseValue(value),
        ChunkType.ShutdownAck => new ShutdownAckChunk(),
        ChunkType.Error => new ErrorChunk(ErrorCause.ParseList(value)),
        ChunkType.CookieEcho => new CookieEchoChunk(value.ToArray()),
        ChunkType.CookieAck => new CookieAckChunk(),
        ChunkType.ShutdownComplete => new ShutdownCompleteChunk((flags & 1) != 0),
        ChunkType.Reconfig => ReconfigChunk.ParseValue(value),
        ChunkType.ForwardTsn => ForwardTsnChunk.ParseValue(value),
        _ => new UnknownChunk(type, flags, value.ToArray()),
    };

    internal static void Require(bool condition, string what)
    {
        if (!condition) throw new SctpFormatException(what);
    }
}

/// <summary>A chunk type we do not implement, kept so the high-bit rules can be applied.</summary>
public sealed class UnknownChunk(byte type, byte flags, byte[] value) : Chunk
{
    public byte RawType { get; } = type;
    public override ChunkType Type => (ChunkType)RawType;
    public override byte Flags { get; } = flags;
    public byte[] Value { get; } = value;
    public override int ValueLength => Value.Length;
    public override void WriteValue(Span<byte> destination) => Value.CopyTo(destination);

    /// <summary>RFC 9260 §3.2: the top bit set means skip this chunk and go on; clear means stop processing the packet.</summary>
    public bool SkipAndContinue => (RawType & 0x80) != 0;

    /// <summary>The second bit set means the sender wants an ERROR "unrecognized chunk type" back.</summary>
    public bool Report => (RawType & 0x40) != 0;
}
