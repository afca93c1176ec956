using System.Net;

namespace SecureLink.WebRtc.Stun;

/// <summary>MAPPED-ADDRESS (RFC 8489 §14.1): the pre-XOR form old servers (RFC 3489) still send.</summary>
public sealed record MappedAddressAttribute(IPEndPoint EndPoint) : StunAttribute
{
    public override ushort Type => StunAttributeType.MappedAddress;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => StunAddressCodec.Encode(EndPoint, xor: false, transactionId);
    internal static MappedAddressAttribute Decode(ReadOnlySpan<byte> value) =>
        new(StunAddressCodec.Decode(value, xor: false, default, "MAPPED-ADDRESS"));
}
