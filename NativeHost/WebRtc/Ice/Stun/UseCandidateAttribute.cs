namespace SecureLink.WebRtc.Stun;

/// <summary>USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. Empty value.</summary>
public sealed record UseCandidateAttribute : StunAttribute
{
    public override ushort Type => StunAttributeType.UseCandidate;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => [];

    internal static UseCandidateAttribute Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length != 0) throw new StunFormatException($"USE-CANDIDATE must be empty, not {value.Length} bytes.");
        return new UseCandidateAttribute();
    }
}
