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
        var (openssl, port) = await OpenSslPeer.StartListeningServerAsync(
            $"-use_srtp SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM -Verify 1 {SrtpExport}", ct);
        await using var _ = openssl;

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
        Assert.Equal(ours.Fingerprint, DtlsFingerprint.Compute(await openssl.PeerCertificateDerAsync(ct)));

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
        Assert.Equal(ours.Fingerprint, DtlsFingerprint.Compute(await openssl.PeerCertificateDerAsync(ct)));
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
        var (openssl, port) = await OpenSslPeer.StartListeningServerAsync("-Verify 1", ct);
        await using var _ = openssl;
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

    [Theory]
    [InlineData("ECDHE-ECDSA-AES128-SHA", 0xC009)]
    [InlineData("ECDHE-ECDSA-AES256-GCM-SHA384", 0xC02C)]
    public async Task Fallback_suites_work_with_openssl_and_survive_forged_records(string openSslSuite, int iana)
    {
        var ct = Timeout();
        var (openssl, port) = await OpenSslPeer.StartListeningServerAsync($"-cipher {openSslSuite} -Verify 1", ct);
        await using var _ = openssl;
        using var ours = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport(new IPEndPoint(IPAddress.Loopback, port));
        await using var client = await DtlsTransport.ConnectAsync(udp, DtlsRole.Client, ours,
            DtlsFingerprint.Compute(openssl.CertificateDer), null, ct);
        Assert.Equal(iana, client.CipherSuite);
        await openssl.WaitForAsync("CIPHER is", ct);

        // Forged records that are too short or misaligned for this cipher, as an off-path
        // attacker spoofing OpenSSL's address would send them: the session must survive.
        var random = new Random(3);
        foreach (var length in new[] { 0, 1, 15, 16, 17, 23, 31, 33, 47, 48, 52, 64, 100 })
        {
            var body = new byte[length];
            random.NextBytes(body);
            udp.Inject([23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0x10, (byte)length, (byte)(length >> 8), (byte)length, .. body]);
            udp.Inject([21, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0x11, (byte)length, (byte)(length >> 8), (byte)length, .. body]);
        }
        await openssl.SendLineAsync("before");
        Assert.Equal("before\n", Encoding.UTF8.GetString(await ReceiveOneAsync(client)));
        await client.SendAsync(Encoding.UTF8.GetBytes("ping over " + openSslSuite + "\n"), ct);
        await openssl.WaitForAsync("ping over " + openSslSuite, ct);
        Assert.False(client.IsClosed);
        Assert.True(client.ImplausibleRecordsDropped > 0);
    }

    [Fact]
    public async Task Our_client_accepts_an_openssl_server_with_an_rsa_certificate()
    {
        var ct = Timeout();
        var (openssl, port) = await OpenSslPeer.StartListeningServerAsync("-Verify 1", ct, rsa: true);
        await using var _ = openssl;
        using var ours = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport(new IPEndPoint(IPAddress.Loopback, port));
        await using var client = await DtlsTransport.ConnectAsync(udp, DtlsRole.Client, ours,
            DtlsFingerprint.Compute(openssl.CertificateDer), null, ct);
        Assert.Equal(0xC02F, client.CipherSuite); // ECDHE-RSA-AES128-GCM-SHA256
        await client.SendAsync(Encoding.UTF8.GetBytes("rsa peer\n"), ct);
        await openssl.WaitForAsync("rsa peer", ct);
    }

    [Fact]
    public async Task Our_server_accepts_an_openssl_client_with_an_rsa_certificate()
    {
        var ct = Timeout();
        using var ours = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport { LearnRemote = true };
        await using var openssl = await OpenSslPeer.StartClientAsync(udp.LocalEndPoint.Port, "", ct, rsa: true);
        await using var server = await DtlsTransport.ConnectAsync(udp, DtlsRole.Server, ours,
            DtlsFingerprint.Compute(openssl.CertificateDer), null, ct);
        Assert.Contains(server.CipherSuite, new[] { 0xC02B, 0xC02C }); // our ECDSA certificate, the client's GCM preference
        await openssl.SendLineAsync("rsa client");
        Assert.Equal("rsa client\n", Encoding.UTF8.GetString(await ReceiveOneAsync(server)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Our_client_completes_with_openssl_over_a_lossy_path(int seed)
    {
        var ct = Timeout(TimeSpan.FromSeconds(45));
        var (openssl, port) = await OpenSslPeer.StartListeningServerAsync("-Verify 1 -use_srtp SRTP_AES128_CM_SHA1_80", ct);
        await using var _ = openssl;
        await using var relay = new LossyUdpRelay(new IPEndPoint(IPAddress.Loopback, port), 0.2, seed);
        using var ours = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport(relay.Front);
        await using var client = await DtlsTransport.ConnectAsync(udp, DtlsRole.Client, ours,
            DtlsFingerprint.Compute(openssl.CertificateDer),
            new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1_80], HandshakeTimeout = TimeSpan.FromSeconds(40) }, ct);
        Assert.Equal(SrtpProtectionProfile.Aes128CmHmacSha1_80, client.SrtpProfile);
        await openssl.WaitForAsync("CIPHER is", ct);
        Assert.True(relay.Dropped > 0, "the relay dropped nothing: the test proved nothing");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Our_server_completes_with_openssl_over_a_lossy_path(int seed)
    {
        var ct = Timeout(TimeSpan.FromSeconds(45));
        using var ours = DtlsCertificate.Generate();
        var udp = new UdpDatagramTransport { LearnRemote = true };
        await using var relay = new LossyUdpRelay(udp.LocalEndPoint, 0.2, seed);
        await using var openssl = await OpenSslPeer.StartClientAsync(relay.Front.Port, "-use_srtp SRTP_AES128_CM_SHA1_80", ct);
        await using var server = await DtlsTransport.ConnectAsync(udp, DtlsRole.Server, ours,
            DtlsFingerprint.Compute(openssl.CertificateDer),
            new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1_80], HandshakeTimeout = TimeSpan.FromSeconds(40) }, ct);
        await openssl.WaitForAsync("SRTP Extension negotiated", ct);
        Assert.True(relay.Dropped > 0, "the relay dropped nothing: the test proved nothing");
    }
}
