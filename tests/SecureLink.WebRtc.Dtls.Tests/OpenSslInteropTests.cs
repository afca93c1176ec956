using System.Net;
using System.Text;
using SecureLink.WebRtc.Dtls;
using static SecureLink.WebRtc.Dtls.Tests.TestSupport;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>Our DTLS against OpenSSL 3 (what aiortc uses) over real UDP on 127.0.0.1, both roles.</summary>
public sealed class OpenSslInteropTests
{
    private const string SrtpExport = "-keymatexport EXTRACTOR-dtls_srtp -keymatexportlen 60";

    [Fact]
    public async Task Our_client_against_openssl_s_server()
    {
        Assert.True(OpenSslPeer.Available, "openssl is not installed");
        var ct = Timeout();
        var port = OpenSslPeer.FreeUdpPort();
        await using var openssl = await OpenSslPeer.StartServerAsync(port,
            $"-use_srtp SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM -Verify 1 {SrtpExport}", ct);
        await openssl.WaitForAsync("ACCEPT", ct);

        using var ours = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport(new IPEndPoint(IPAddress.Loopback, port));
        var expected = DtlsFingerprint.Compute(openssl.CertificateDer);
        await using var client = await DtlsTransport.ConnectAsync(udp, DtlsRole.Client, ours, expected,
            new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80] }, ct);

        await openssl.WaitForAsync("Keying material", ct);
        Assert.Equal(expected, client.RemoteFingerprint);
        Assert.Equal(SrtpProtectionProfile.Aes128CmHmacSha1_80, client.SrtpProfile); // openssl's (server's) first choice
        Assert.Equal(openssl.KeyingMaterial(), client.ExportKeyingMaterial("EXTRACTOR-dtls_srtp", 60));
        var keys = client.SrtpKeys!;
        Assert.Equal(openssl.KeyingMaterial()[..16], keys.ClientMasterKey);
        // OpenSSL saw our certificate (it demanded one with -Verify).
        Assert.Equal(ours.Fingerprint, DtlsFingerprint.Compute(openssl.PeerCertificateDer()));

        await client.SendAsync(Encoding.UTF8.GetBytes("hello openssl\n"), ct);
        await openssl.WaitForAsync("hello openssl", ct);
        await openssl.SendLineAsync("hello securelink");
        var reply = Encoding.UTF8.GetString(await ReceiveOneAsync(client));
        Assert.Equal("hello securelink\n", reply);
    }

    [Fact]
    public async Task Our_server_against_openssl_s_client()
    {
        Assert.True(OpenSslPeer.Available, "openssl is not installed");
        var ct = Timeout();
        using var ours = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport { LearnRemote = true };
        await using var openssl = await OpenSslPeer.StartClientAsync(udp.LocalEndPoint.Port,
            $"-use_srtp SRTP_AES128_CM_SHA1_80 {SrtpExport}", ct);
        var expected = DtlsFingerprint.Compute(openssl.CertificateDer);
        await using var server = await DtlsTransport.ConnectAsync(udp, DtlsRole.Server, ours, expected,
            new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80] }, ct);

        await openssl.WaitForAsync("Keying material", ct);
        Assert.Contains("SRTP Extension negotiated, profile=SRTP_AES128_CM_SHA1_80", openssl.Output);
        Assert.Contains("Extended master secret: yes", openssl.Output);
        Assert.Equal(SrtpProtectionProfile.Aes128CmHmacSha1_80, server.SrtpProfile);
        Assert.Equal(openssl.KeyingMaterial(), server.ExportKeyingMaterial("EXTRACTOR-dtls_srtp", 60));
        Assert.Equal(ours.Fingerprint, DtlsFingerprint.Compute(openssl.PeerCertificateDer()));
        Assert.Equal(expected, server.RemoteFingerprint);

        await openssl.SendLineAsync("hello from openssl");
        Assert.Equal("hello from openssl\n", Encoding.UTF8.GetString(await ReceiveOneAsync(server)));
        await server.SendAsync(Encoding.UTF8.GetBytes("hello back\n"), ct);
        await openssl.WaitForAsync("hello back", ct);
    }

    [Fact]
    public async Task Our_client_rejects_an_openssl_server_with_the_wrong_certificate()
    {
        var ct = Timeout();
        var port = OpenSslPeer.FreeUdpPort();
        await using var openssl = await OpenSslPeer.StartServerAsync(port, "-Verify 1", ct);
        await openssl.WaitForAsync("ACCEPT", ct);
        using var ours = DtlsCertificate.Generate();
        using var stranger = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport(new IPEndPoint(IPAddress.Loopback, port));
        var error = await Assert.ThrowsAsync<DtlsFingerprintMismatchException>(() =>
            DtlsTransport.ConnectAsync(udp, DtlsRole.Client, ours, stranger.Fingerprint, null, ct));
        Assert.Equal(DtlsFingerprint.Compute(openssl.CertificateDer), error.Actual);
        // OpenSSL heard our bad_certificate alert.
        await openssl.WaitForAsync("bad certificate", ct);
    }

    [Fact]
    public async Task Our_server_rejects_an_openssl_client_with_the_wrong_certificate()
    {
        var ct = Timeout();
        using var ours = DtlsCertificate.Generate();
        using var stranger = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport { LearnRemote = true };
        await using var openssl = await OpenSslPeer.StartClientAsync(udp.LocalEndPoint.Port, "", ct);
        await Assert.ThrowsAsync<DtlsFingerprintMismatchException>(() =>
            DtlsTransport.ConnectAsync(udp, DtlsRole.Server, ours, stranger.Fingerprint, null, ct));
        await openssl.WaitForAsync("bad certificate", ct);
    }

    [Fact]
    public async Task Close_notify_from_openssl_client_closes_our_server_session()
    {
        var ct = Timeout();
        using var ours = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport { LearnRemote = true };
        await using var openssl = await OpenSslPeer.StartClientAsync(udp.LocalEndPoint.Port, "", ct);
        await using var server = await DtlsTransport.ConnectAsync(udp, DtlsRole.Server, ours,
            DtlsFingerprint.Compute(openssl.CertificateDer), null, ct);
        var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Closed += r => closed.TrySetResult(r);
        await openssl.WaitForAsync("Verify return code", ct);
        await openssl.SendLineAsync("Q"); // s_client: Q = send close_notify and quit
        Assert.Equal("close_notify", await closed.Task.WaitAsync(TimeSpan.FromSeconds(10), ct));
    }
}
