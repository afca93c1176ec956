using Org.BouncyCastle.Tls;

namespace SecureLink.WebRtc.Dtls;

/// <summary>What we negotiate: the suites, groups and signature schemes WebRTC peers use
/// (Chromium/BoringSSL, Firefox/NSS, aiortc/OpenSSL, pion), nothing weaker.</summary>
internal static class DtlsSuites
{
    /// <summary>Our own certificate is ECDSA, so as server only ECDHE_ECDSA suites apply.</summary>
    public static readonly int[] Server =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    ];

    /// <summary>As client we also accept a server with an RSA certificate (some older stacks).</summary>
    public static readonly int[] Client =
    [
        .. Server,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    ];

    public static readonly int[] Groups = [NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1];

    /// <summary>Signature schemes we accept from the peer: ECDSA for browsers, RSA for peers with RSA certificates.</summary>
    public static IList<SignatureAndHashAlgorithm> SignatureAlgorithms() =>
    [
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha512, SignatureAlgorithm.ecdsa),
        SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
        SignatureAndHashAlgorithm.rsa_pss_rsae_sha384,
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa),
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha384, SignatureAlgorithm.rsa),
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha1, SignatureAlgorithm.rsa),
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha1, SignatureAlgorithm.ecdsa),
    ];

    public static readonly SignatureAndHashAlgorithm EcdsaSha256 =
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
}
