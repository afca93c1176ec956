namespace SecureLink.WebRtc.Stun;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 8489 §14.5) as found in a parsed message: the 20-byte HMAC-SHA1.
/// To send one, pass a key to <see cref="StunMessage.Encode"/>; it is computed there because
/// it covers every byte before it with the length field adjusted.
/// </summary>
public sealed record MessageIntegrityAttribute(byte[] Hmac) : StunAttribute
{
    public const int Length = 20;
    public override ushort Type => StunAttributeType.MessageIntegrity;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => Hmac;
    public bool Equals(MessageIntegrityAttribute? other) => other is not null && other.Hmac.AsSpan().SequenceEqual(Hmac);
    public override int GetHashCode() => Hmac.Length;
}
