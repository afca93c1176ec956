namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// What our side puts into every offer or answer: ICE credentials, the DTLS certificate
/// fingerprint and the gathered candidates. Plain strings so this project needs no other
/// layer: pass <c>IceParameters.UsernameFragment/Password</c>, <c>DtlsFingerprint.ToSdpValue()</c>
/// and <c>IceCandidate.ToSdpAttributeValue()</c>.
/// </summary>
public sealed record SdpLocalParameters(string IceUfrag, string IcePwd, string Fingerprint, IReadOnlyList<string> Candidates)
{
    /// <summary>Our SCTP port (a=sctp-port, or the legacy m= format and a=sctpmap).</summary>
    public int SctpPort { get; init; } = 5000;

    /// <summary>The largest message we accept (a=max-message-size).</summary>
    public int MaxMessageSize { get; init; } = 262144;

    /// <summary>
    /// Write a=end-of-candidates after the candidates. We gather before we describe
    /// (non-trickle), so the list is complete; on by default.
    /// </summary>
    public bool EndOfCandidates { get; init; } = true;

    /// <summary>
    /// Write a=ice-options:trickle. Off by default: our descriptions carry every candidate,
    /// and without it a peer has no reason to wait for more.
    /// </summary>
    public bool AdvertiseTrickle { get; init; }

    /// <summary>o= sess-id; null draws a random 62-bit one (JSEP §5.2.1).</summary>
    public ulong? SessionId { get; init; }

    /// <summary>o= sess-version.</summary>
    public ulong SessionVersion { get; init; } = 2;
}
