namespace SecureLink.WebRtc.Stun;

/// <summary>
/// One STUN attribute (type-length-value). Each known type is its own small class;
/// anything else becomes <see cref="UnknownAttribute"/> so a message survives a round trip.
/// </summary>
public abstract record StunAttribute
{
    /// <summary>The 16-bit attribute type.</summary>
    public abstract ushort Type { get; }

    /// <summary>The value bytes, without padding. Address attributes need the
    /// transaction id because XOR-MAPPED-ADDRESS is masked with it.</summary>
    public abstract byte[] EncodeValue(ReadOnlySpan<byte> transactionId);
}
