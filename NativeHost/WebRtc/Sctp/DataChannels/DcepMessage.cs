using System.Buffers.Binary;
using System.Text;

namespace SecureLink.WebRtc.DataChannels;

/// <summary>DCEP channel types (RFC 8832 §5.1): the high bit means unordered.</summary>
public enum DcepChannelType : byte
{
    Reliable = 0x00,
    ReliableUnordered = 0x80,
    PartialReliableRexmit = 0x01,
    PartialReliableRexmitUnordered = 0x81,
    PartialReliableTimed = 0x02,
    PartialReliableTimedUnordered = 0x82,
}

/// <summary>DATA_CHANNEL_OPEN (RFC 8832 §5.1). Sent on the channel's stream with PPID 50.</summary>
public sealed record DcepOpen(DcepChannelType ChannelType, ushort Priority, uint ReliabilityParameter, string Label, string Protocol)
{
    public const byte MessageType = 0x03;

    public bool Ordered => ((byte)ChannelType & 0x80) == 0;
    public int? MaxRetransmits => ((byte)ChannelType & 0x7F) == 0x01 ? (int)Math.Min(ReliabilityParameter, int.MaxValue) : null;
    public int? MaxPacketLifeTimeMs => ((byte)ChannelType & 0x7F) == 0x02 ? (int)Math.Min(ReliabilityParameter, int.MaxValue) : null;

    public byte[] ToArray()
    {
        var label = Encoding.UTF8.GetBytes(Label);
        var protocol = Encoding.UTF8.GetBytes(Protocol);
        var b = new byte[12 + label.Length + protocol.Length];
        b[0] = MessageType;
        b[1] = (byte)ChannelType;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), Priority);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), ReliabilityParameter);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(8), checked((ushort)label.Length));
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(10), checked((ushort)protocol.Length));
        label.CopyTo(b, 12);
        protocol.CopyTo(b, 12 + label.Length);
        return b;
    }

    /// <summary>Parses an OPEN; null when malformed (never throws).</summary>
    public static DcepOpen? TryParse(ReadOnlySpan<byte> b)
    {
        if (b.Length < 12 || b[0] != MessageType) return null;
        int labelLength = BinaryPrimitives.ReadUInt16BigEndian(b[8..]);
        int protocolLength = BinaryPrimitives.ReadUInt16BigEndian(b[10..]);
        if (b.Length < 12 + labelLength + protocolLength) return null;
        var type = b[1];
        if ((type & 0x7F) > 2) return null;
        return new DcepOpen((DcepChannelType)type, BinaryPrimitives.ReadUInt16BigEndian(b[2..]), BinaryPrimitives.ReadUInt32BigEndian(b[4..]),
            Encoding.UTF8.GetString(b.Slice(12, labelLength)), Encoding.UTF8.GetString(b.Slice(12 + labelLength, protocolLength)));
    }

    public static DcepChannelType TypeFor(bool ordered, int? maxRetransmits, int? maxPacketLifeTimeMs)
    {
        byte t = maxRetransmits is not null ? (byte)0x01 : maxPacketLifeTimeMs is not null ? (byte)0x02 : (byte)0x00;
        return (DcepChannelType)(ordered ? t : t | 0x80);
    }
}

/// <summary>DATA_CHANNEL_ACK (RFC 8832 §5.2): a single byte.</summary>
public static class DcepAck
{
    public const byte MessageType = 0x02;
    public static byte[] ToArray() => [MessageType];
}
