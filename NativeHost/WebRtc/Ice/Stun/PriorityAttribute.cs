using System.Buffers.Binary;

namespace SecureLink.WebRtc.Stun;

/// <summary>PRIORITY (RFC 8445 §7.1.1): the priority a peer-reflexive candidate learned from this check would get.</summary>
public sealed record PriorityAttribute(uint Value) : StunAttribute
{
    public override ushort Type => StunAttributeType.Priority;

    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, Value);
        return b;
    }

    internal static PriorityAttribute Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length != 4) throw new StunFormatException($"PRIORITY must be 4 bytes, not {value.Length}.");
        return new PriorityAttribute(BinaryPrimitives.ReadUInt32BigEndian(value));
    }
}
