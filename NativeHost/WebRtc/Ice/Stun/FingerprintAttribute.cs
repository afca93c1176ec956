namespace SecureLink.WebRtc.Stun;

/// <summary>
/// FINGERPRINT (RFC 8489 §14.7) as found in a parsed message: CRC-32 of everything before it,
/// XOR 0x5354554e. It tells STUN apart from DTLS/RTP on a shared port. To send one, pass
/// <c>fingerprint: true</c> to <see cref="StunMessage.Encode"/>.
/// </summary>
public sealed record FingerprintAttribute(uint Value) : StunAttribute
{
    public const uint XorValue = 0x5354554e;
    public override ushort Type => StunAttributeType.Fingerprint;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId)
    {
        var b = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, Value);
        return b;
    }
}
