using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Dtls;

/// <summary>Tuning of one DTLS session.</summary>
public sealed class DtlsOptions
{
    /// <summary>SRTP profiles to offer (client) or accept (server), most preferred first.
    /// Empty means no <c>use_srtp</c> extension: data channels only.</summary>
    public IReadOnlyList<SrtpProtectionProfile> SrtpProfiles { get; init; } = [];

    /// <summary>The whole handshake must finish within this time, else
    /// <see cref="DtlsHandshakeException"/>.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>First retransmission timer of a handshake flight; it doubles on every
    /// retransmission (RFC 6347 §4.2.4.1). RFC 6347 recommends 1 s.</summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Ceiling of that doubling. RFC 6347 allows up to 60 s, but our handshake only has
    /// <see cref="HandshakeTimeout"/> in all, so on a lossy link we keep trying at this pace.</summary>
    public TimeSpan MaxRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public ILog Log { get; init; } = NullLog.Instance;
}
