using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// Our DTLS identity for one session: a fresh ECDSA P-256 key and a self-signed
/// certificate, like a browser's <c>RTCCertificate</c>. Nobody vouches for it; the peer
/// trusts it only because its SHA-256 <see cref="Fingerprint"/> travelled in the invite
/// or reply code.
/// </summary>
/// <remarks>
/// Limits of <see cref="Dispose"/>: BouncyCastle keeps the private scalar in an immutable
/// <see cref="BigInteger"/> that cannot be overwritten, so disposing drops every reference
/// we hold (key, DER copy) and zeroes the byte arrays we own; the scalar's memory is
/// reclaimed by the garbage collector, not wiped. The key never leaves the process.
/// </remarks>
public sealed class DtlsCertificate : IDisposable
{
    private ECPrivateKeyParameters? _privateKey;
    private byte[] _der;

    private DtlsCertificate(ECPrivateKeyParameters privateKey, byte[] der)
    {
        _privateKey = privateKey;
        _der = der;
        Fingerprint = DtlsFingerprint.Compute(der);
    }

    /// <summary>SHA-256 of the DER certificate, for <c>a=fingerprint</c> and the invite code.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>The DER-encoded certificate (public).</summary>
    public ReadOnlyMemory<byte> Der => _der;

    internal ECPrivateKeyParameters PrivateKey =>
        _privateKey ?? throw new ObjectDisposedException(nameof(DtlsCertificate));

    /// <summary>Generates a new key pair and a certificate valid from a day ago (clock skew)
    /// to 30 days ahead, with a random 64-bit serial and a random common name.</summary>
    public static DtlsCertificate Generate()
    {
        var random = new SecureRandom();
        var generator = new ECKeyPairGenerator();
        // The curve by OID so the certificate names it (namedCurve), as TLS peers require.
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var pair = generator.GenerateKeyPair();

        var nameBytes = new byte[8];
        random.NextBytes(nameBytes);
        var name = new X509Name("CN=" + Convert.ToHexString(nameBytes).ToLowerInvariant());

        var now = DateTime.UtcNow;
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(new BigInteger(63, random).Add(BigInteger.One)); // positive, non-zero
        builder.SetIssuerDN(name);
        builder.SetSubjectDN(name);
        builder.SetNotBefore(now.AddDays(-1));
        builder.SetNotAfter(now.AddDays(30));
        builder.SetPublicKey(pair.Public);
        var certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", pair.Private, random));

        return new DtlsCertificate((ECPrivateKeyParameters)pair.Private, certificate.GetEncoded());
    }

    /// <summary>Drops the private key and zeroes our copy of the certificate (see the remarks on limits).</summary>
    public void Dispose()
    {
        _privateKey = null;
        Array.Clear(_der);
        _der = [];
    }

    internal bool IsDisposed => _privateKey is null;

    internal AsymmetricKeyParameter Key => PrivateKey;
}
