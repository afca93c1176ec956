using System.Buffers.Binary;
using SecureLink.WebRtc.Sctp.Chunks;

namespace SecureLink.WebRtc.Sctp.Packet;

/// <summary>Why a received datagram was not accepted as an SCTP packet.</summary>
public enum PacketError { None, TooShort, BadChecksum, BadChunkLength, MalformedChunk }

/// <summary>
/// An SCTP packet (RFC 9260 §3): common header (ports, verification tag, CRC32c) and chunks.
/// Carried one per DTLS record (RFC 8261), so there is no UDP encapsulation to handle.
/// </summary>
public sealed class SctpPacket(ushort sourcePort, ushort destinationPort, uint verificationTag, List<Chunk> chunks)
{
    public const int HeaderLength = 12;

    public ushort SourcePort { get; } = sourcePort;
    public ushort DestinationPort { get; } = destinationPort;
    public uint VerificationTag { get; } = verificationTag;
    public List<Chunk> Chunks { get; } = chunks;

    /// <summary>Parses and checks a datagram. Never throws: malformed input gives false and the reason.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SctpPacket? packet, out PacketError error)
    {
        packet = null;
        if (data.Length < HeaderLength + 4)
        {
            error = PacketError.TooShort;
            return false;
        }
        if (!Crc32c.VerifyPacketChecksum(data))
        {
            error = PacketError.BadChecksum;
            return false;
        }
        var chunks = new List<Chunk>(4);
        var rest = data[HeaderLength..];
        while (rest.Length >= 4)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            if (length < 4 || length > rest.Length)
            {
                error = PacketError.BadChunkLength;
                return false;
            }
            Chunk chunk;
            try
            {
                chunk = Chunk.Parse(rest[0], rest[1], rest[4..length]);
            }
            catch (SctpFormatException)
            {
                error = PacketError.MalformedChunk;
                return false;
            }
            chunks.Add(chunk);
            // RFC 9260 §3.2: an unknown chunk type with the top bit clear ends processing of the packet.
            if (chunk is UnknownChunk { SkipAndContinue: false }) break;
            rest = rest[Math.Min(Chunk.Pad(length), rest.Length)..];
        }
        packet = new SctpPacket(
            BinaryPrimitives.ReadUInt16BigEndian(data),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            chunks);
        error = PacketError.None;
        return true;
    }

    /// <summary>Serializes with the checksum; for tests and control packets (the data path uses <see cref="SctpPacketWriter"/>).</summary>
    public byte[] ToArray()
    {
        var length = HeaderLength;
        foreach (var c in Chunks) length += c.PaddedLength;
        var buffer = new byte[length];
        var writer = new SctpPacketWriter(buffer);
        writer.Begin(SourcePort, DestinationPort, VerificationTag);
        foreach (var c in Chunks) writer.Add(c);
        return writer.Finish().ToArray();
    }
}
