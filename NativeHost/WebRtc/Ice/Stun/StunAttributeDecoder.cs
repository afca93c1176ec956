namespace SecureLink.WebRtc.Stun;

/// <summary>Maps a type code to its attribute class; unknown types are kept raw.</summary>
internal static class StunAttributeDecoder
{
    public static StunAttribute Decode(ushort type, ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId) => type switch
    {
        StunAttributeType.MappedAddress => MappedAddressAttribute.Decode(value),
        StunAttributeType.XorMappedAddress => XorMappedAddressAttribute.Decode(value, transactionId),
        StunAttributeType.Username => UsernameAttribute.Decode(value),
        StunAttributeType.ErrorCode => ErrorCodeAttribute.Decode(value),
        StunAttributeType.Priority => PriorityAttribute.Decode(value),
        StunAttributeType.UseCandidate => UseCandidateAttribute.Decode(value),
        StunAttributeType.IceControlling => IceControllingAttribute.Decode(value),
        StunAttributeType.IceControlled => IceControlledAttribute.Decode(value),
        StunAttributeType.Software => SoftwareAttribute.Decode(value),
        _ => new UnknownAttribute(type, value.ToArray()),
    };
}
