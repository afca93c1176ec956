using System.Buffers.Binary;
using SecureLink.WebRtc.Sctp.Chunks;

namespace SecureLink.WebRtc.Sctp.Packet;

/// <summary>Builds one packet in a caller-owned buffer: header, then chunks while they fit, then the checksum.</summary>
public sealed class SctpPacketWriter(byte[] buffer)
{
    private int _length;

    public int Length => _length;
    public int Remaining => buffer.Length - _length;
    public bool HasChunks => _length > SctpPacket.HeaderLength;
    public Span<byte> Tail => buffer.AsSpan(_length);

    public void Begin(ushort sourcePort, ushort destinationPort, uint verificationTag)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), verificationTag);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), 0);
        _length = SctpPacket.HeaderLength;
    }

    public bool Fits(int paddedChunkLength) => _length + paddedChunkLength <= buffer.Length;

    public void Add(Chunk chunk) => _length += chunk.WriteTo(buffer.AsSpan(_length));

    /// <summary>Records bytes already written at <see cref="Tail"/>.</summary>
    public void Advance(int count) => _length += count;

    public ReadOnlyMemory<byte> Finish()
    {
        var packet = buffer.AsSpan(0, _length);
        Crc32c.WritePacketChecksum(packet);
        return buffer.AsMemory(0, _length);
    }
}
