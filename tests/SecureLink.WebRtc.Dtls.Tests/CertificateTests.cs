using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecureLink.WebRtc.Dtls;

namespace SecureLink.WebRtc.Dtls.Tests;

public sealed class CertificateTests
{
    [Fact]
    public void Generates_a_self_signed_ecdsa_p256_certificate_with_short_validity()
    {
        using var cert = DtlsCertificate.Generate();
        using var x509 = X509CertificateLoader.LoadCertificate(cert.Der.ToArray());
        Assert.Equal(x509.Subject, x509.Issuer);
        using var key = x509.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key!.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal("1.2.840.10045.4.3.2", x509.SignatureAlgorithm.Value); // ecdsa-with-SHA256
        Assert.InRange(x509.NotBefore.ToUniversalTime(), DateTime.UtcNow.AddDays(-2), DateTime.UtcNow);
        Assert.InRange(x509.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        // Self-signature verifies with its own key.
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(x509);
        Assert.True(chain.Build(x509), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void Fingerprint_is_sha256_of_the_der_upper_case()
    {
        using var cert = DtlsCertificate.Generate();
        var expected = string.Join(":", SHA256.HashData(cert.Der.Span).Select(b => b.ToString("X2")));
        Assert.Equal(new DtlsFingerprint("sha-256", expected), cert.Fingerprint);
        Assert.Equal("sha-256 " + expected, cert.Fingerprint.ToSdpValue());
    }

    [Fact]
    public void Every_certificate_is_fresh_key_serial_and_name()
    {
        using var a = DtlsCertificate.Generate();
        using var b = DtlsCertificate.Generate();
        using var xa = X509CertificateLoader.LoadCertificate(a.Der.ToArray());
        using var xb = X509CertificateLoader.LoadCertificate(b.Der.ToArray());
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(xa.SerialNumber, xb.SerialNumber);
        Assert.NotEqual(xa.Subject, xb.Subject);
        Assert.NotEqual(xa.GetPublicKey(), xb.GetPublicKey());
    }

    [Fact]
    public async Task A_disposed_certificate_cannot_start_a_handshake_and_its_der_is_zeroed()
    {
        var cert = DtlsCertificate.Generate();
        var fingerprint = cert.Fingerprint;
        cert.Dispose();
        Assert.True(cert.Der.IsEmpty);
        Assert.Equal(fingerprint, cert.Fingerprint); // public, kept for logs and comparisons
        var (a, _) = SecureLink.WebRtc.Transport.DatagramPipe.Create();
        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            DtlsTransport.ConnectAsync(a, DtlsRole.Client, cert, fingerprint, null, CancellationToken.None));
    }
}
