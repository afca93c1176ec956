namespace SecureLink.WebRtc.Stun;

/// <summary>An attribute type we do not interpret (SOFTWARE-like extensions, REALM, NONCE...), kept as raw bytes.</summary>
public sealed record UnknownAttribute(ushort AttributeType, byte[] Value) : StunAttribute
{
    public override ushort Type => AttributeType;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => Value;
    public bool Equals(UnknownAttribute? other) =>
        other is not null && other.AttributeType == AttributeType && other.Value.AsSpan().SequenceEqual(Value);
    public override int GetHashCode() => HashCode.Combine(AttributeType, Value.Length);
}
