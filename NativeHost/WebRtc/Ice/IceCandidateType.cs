namespace SecureLink.WebRtc.Ice;

/// <summary>Where a candidate address came from (RFC 8445 §5.1.1). We gather Host and ServerReflexive, never Relay.</summary>
public enum IceCandidateType
{
    Host,
    ServerReflexive,
    PeerReflexive,
    Relay,
}
