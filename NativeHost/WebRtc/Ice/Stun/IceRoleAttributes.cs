using System.Buffers.Binary;

namespace SecureLink.WebRtc.Stun;

/// <summary>ICE-CONTROLLING (RFC 8445 §7.1.3): the sender thinks it is controlling; carries its 64-bit tie-breaker.</summary>
public sealed record IceControllingAttribute(ulong TieBreaker) : StunAttribute
{
    public override ushort Type => StunAttributeType.IceControlling;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => TieBreakerCodec.Encode(TieBreaker);
    internal static IceControllingAttribute Decode(ReadOnlySpan<byte> value) => new(TieBreakerCodec.Decode(value, "ICE-CONTROLLING"));
}

/// <summary>ICE-CONTROLLED (RFC 8445 §7.1.3): the sender thinks it is controlled; carries its 64-bit tie-breaker.</summary>
public sealed record IceControlledAttribute(ulong TieBreaker) : StunAttribute
{
    public override ushort Type => StunAttributeType.IceControlled;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => TieBreakerCodec.Encode(TieBreaker);
    internal static IceControlledAttribute Decode(ReadOnlySpan<byte> value) => new(TieBreakerCodec.Decode(value, "ICE-CONTROLLED"));
}

internal static class TieBreakerCodec
{
    public static byte[] Encode(ulong value)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        return b;
    }

    public static ulong Decode(ReadOnlySpan<byte> value, string name)
    {
        if (value.Length != 8) throw new StunFormatException($"{name} must be 8 bytes, not {value.Length}.");
        return BinaryPrimitives.ReadUInt64BigEndian(value);
    }
}
