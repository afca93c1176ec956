using System.Net;

namespace SecureLink.WebRtc.Stun;

/// <summary>XOR-MAPPED-ADDRESS (RFC 8489 §14.2): where the responder saw the request come from.</summary>
public sealed record XorMappedAddressAttribute(IPEndPoint EndPoint) : StunAttribute
{
    public override ushort Type => StunAttributeType.XorMappedAddress;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => StunAddressCodec.Encode(EndPoint, xor: true, transactionId);
    internal static XorMappedAddressAttribute Decode(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId) =>
        new(StunAddressCodec.Decode(value, xor: true, transactionId, "XOR-MAPPED-ADDRESS"));
}
