using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>SHUTDOWN (RFC 9260 §3.3.8): carries the sender's cumulative TSN ack.</summary>
public sealed class ShutdownChunk(uint cumulativeTsnAck) : Chunk
{
    public uint CumulativeTsnAck { get; } = cumulativeTsnAck;
    public override ChunkType Type => ChunkType.Shutdown;
    public override int ValueLength => 4;
    public override void WriteValue(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, CumulativeTsnAck);

    internal static ShutdownChunk ParseValue(ReadOnlySpan<byte> v)
    {
        Require(v.Length >= 4, "SHUTDOWN too short");
        return new ShutdownChunk(BinaryPrimitives.ReadUInt32BigEndian(v));
    }
}

/// <summary>SHUTDOWN-ACK (RFC 9260 §3.3.9).</summary>
public sealed class ShutdownAckChunk : Chunk
{
    public override ChunkType Type => ChunkType.ShutdownAck;
    public override int ValueLength => 0;
    public override void WriteValue(Span<byte> destination) { }
}

/// <summary>SHUTDOWN-COMPLETE (RFC 9260 §3.3.13). T flag as for ABORT.</summary>
public sealed class ShutdownCompleteChunk(bool tagReflected = false) : Chunk
{
    public bool TagReflected { get; } = tagReflected;
    public override ChunkType Type => ChunkType.ShutdownComplete;
    public override byte Flags => (byte)(TagReflected ? 1 : 0);
    public override int ValueLength => 0;
    public override void WriteValue(Span<byte> destination) { }
}

/// <summary>COOKIE-ECHO (RFC 9260 §3.3.11): the State Cookie from INIT-ACK, returned as is.</summary>
public sealed class CookieEchoChunk(byte[] cookie) : Chunk
{
    public byte[] Cookie { get; } = cookie;
    public override ChunkType Type => ChunkType.CookieEcho;
    public override int ValueLength => Cookie.Length;
    public override void WriteValue(Span<byte> destination) => Cookie.CopyTo(destination);
}

/// <summary>COOKIE-ACK (RFC 9260 §3.3.12).</summary>
public sealed class CookieAckChunk : Chunk
{
    public override ChunkType Type => ChunkType.CookieAck;
    public override int ValueLength => 0;
    public override void WriteValue(Span<byte> destination) { }
}
