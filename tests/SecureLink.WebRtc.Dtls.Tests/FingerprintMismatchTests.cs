using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;

using static SecureLink.WebRtc.Dtls.Tests.TestSupport;

namespace SecureLink.WebRtc.Dtls.Tests;

public sealed class FingerprintMismatchTests
{
    private static readonly DtlsFingerprint Stranger = DtlsCertificate.Generate().Fingerprint;

    [Fact]
    public async Task Client_rejects_a_server_whose_certificate_is_not_the_promised_one()
    {
        var (a, b) = DatagramPipe.Create();
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var ct = Timeout();
        var server = DtlsTransport.ConnectAsync(b, DtlsRole.Server, serverCert, clientCert.Fingerprint, null, ct);
        var client = DtlsTransport.ConnectAsync(a, DtlsRole.Client, clientCert, Stranger, null, ct);

        var mismatch = await Assert.ThrowsAsync<DtlsFingerprintMismatchException>(() => client);
        Assert.Equal("The other side's security certificate did not match the invite code.", mismatch.Message);
        Assert.Equal(Stranger, mismatch.Expected);
        Assert.Equal(serverCert.Fingerprint, mismatch.Actual);

        // The other side hears bad_certificate (or the closed link) and fails too, without hanging.
        var other = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server);
        Assert.Contains("rejected our security certificate", other.Message);
    }

    [Fact]
    public async Task Server_rejects_a_client_whose_certificate_is_not_the_promised_one()
    {
        var (a, b) = DatagramPipe.Create();
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var ct = Timeout();
        var server = DtlsTransport.ConnectAsync(b, DtlsRole.Server, serverCert, Stranger, null, ct);
        var client = DtlsTransport.ConnectAsync(a, DtlsRole.Client, clientCert, serverCert.Fingerprint, null, ct);

        var mismatch = await Assert.ThrowsAsync<DtlsFingerprintMismatchException>(() => server);
        Assert.Equal(clientCert.Fingerprint, mismatch.Actual);
        var other = await Assert.ThrowsAsync<DtlsHandshakeException>(() => client);
        Assert.True(other.Message.Contains("rejected our security certificate"), other.ToString());
    }

    [Fact]
    public async Task Mismatch_closes_the_lower_transport()
    {
        var (a, b) = DatagramPipe.Create();
        var tap = new TapTransport(a);
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var ct = Timeout();
        var server = DtlsTransport.ConnectAsync(b, DtlsRole.Server, serverCert, clientCert.Fingerprint, null, ct);
        await Assert.ThrowsAsync<DtlsFingerprintMismatchException>(() =>
            DtlsTransport.ConnectAsync(tap, DtlsRole.Client, clientCert, Stranger, null, ct));
        await Assert.ThrowsAnyAsync<Exception>(() => server);
        // The last thing the rejecting side sent is a fatal bad_certificate alert (in the clear, epoch 0).
        var last = tap.Sent[^1].Datagram;
        Assert.Equal(21, last[0]);                     // content type alert
        Assert.Equal(new byte[] { 2, 42 }, last[^2..]); // fatal, bad_certificate
        await Assert.ThrowsAsync<TransportClosedException>(async () => await a.SendAsync(new byte[] { 1 }));
    }

    [Fact]
    public async Task Sha1_sha384_and_sha512_fingerprints_of_the_peer_are_checked_too()
    {
        foreach (var algorithm in new[] { "sha-1", "sha-384", "sha-512" })
        {
            using var clientCert = DtlsCertificate.Generate();
            using var serverCert = DtlsCertificate.Generate();
            var (a, b) = DatagramPipe.Create();
            var (client, server) = await ConnectPairAsync(a, b, clientCert: clientCert, serverCert: serverCert,
                clientExpects: DtlsFingerprint.Compute(serverCert.Der.Span, algorithm),
                serverExpects: DtlsFingerprint.Compute(clientCert.Der.Span, algorithm));
            Assert.Equal(algorithm, client.RemoteFingerprint.Algorithm);
            await client.DisposeAsync();
            await server.DisposeAsync();
        }
    }
}
