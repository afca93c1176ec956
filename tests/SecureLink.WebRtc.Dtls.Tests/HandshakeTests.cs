using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;
using static SecureLink.WebRtc.Dtls.Tests.TestSupport;

namespace SecureLink.WebRtc.Dtls.Tests;

public sealed class HandshakeTests
{
    [Fact]
    public async Task Perfect_link_handshake_completes_and_data_flows_both_ways()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b);
        await using (client)
        await using (server)
        {
            Assert.Equal(DtlsRole.Client, client.Role);
            Assert.Equal(0xC02B, client.CipherSuite); // ECDHE-ECDSA-AES128-GCM-SHA256, our first choice
            Assert.Equal(client.CipherSuite, server.CipherSuite);
            Assert.Equal(SrtpProtectionProfile.None, client.SrtpProfile);
            Assert.Null(client.SrtpKeys);
            await AssertRoundTripAsync(client, server, "hello over DTLS");
        }
    }

    [Fact]
    public async Task Remote_fingerprints_are_the_peers_certificates()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b, clientCert: clientCert, serverCert: serverCert);
        await using (client)
        await using (server)
        {
            Assert.Equal(serverCert.Fingerprint, client.RemoteFingerprint);
            Assert.Equal(clientCert.Fingerprint, server.RemoteFingerprint);
        }
    }

    [Fact]
    public async Task Max_datagram_size_is_usable_and_one_more_byte_is_refused()
    {
        var (a, b) = DatagramPipe.Create(maxDatagramSize: 1200);
        var (client, server) = await ConnectPairAsync(a, b);
        await using (client)
        await using (server)
        {
            Assert.InRange(client.MaxDatagramSize, 1100, 1200 - 13);
            var big = new byte[client.MaxDatagramSize];
            Random.Shared.NextBytes(big);
            await client.SendAsync(big);
            Assert.Equal(big, await ReceiveOneAsync(server));
            await Assert.ThrowsAsync<ArgumentException>(async () => await client.SendAsync(new byte[client.MaxDatagramSize + 1]));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Lossy_reordering_duplicating_link_still_completes_and_carries_data(int seed)
    {
        var bad = new PipeImpairment(LossRate: 0.25, DuplicateRate: 0.1, ReorderRate: 0.2,
            Jitter: TimeSpan.FromMilliseconds(5), Seed: seed);
        var (a, b) = DatagramPipe.Create(bad, bad with { Seed = seed + 100 });
        var options = new DtlsOptions
        {
            InitialRetransmitTimeout = TimeSpan.FromMilliseconds(100),
            HandshakeTimeout = TimeSpan.FromSeconds(25),
        };
        var (client, server) = await ConnectPairAsync(a, b, options, options);
        await using (client)
        await using (server)
        {
            // Lossy data: send a burst, some must arrive, and every one that arrives is intact.
            var received = new List<byte[]>();
            var reader = Task.Run(async () =>
            {
                try
                {
                    while (received.Count < 20)
                        received.Add(await ReceiveOneAsync(server, Timeout(TimeSpan.FromSeconds(2))));
                }
                catch (OperationCanceledException) { }
            });
            for (var i = 0; i < 20; i++) await client.SendAsync(new byte[] { (byte)i, 0xAB, (byte)i });
            await reader;
            Assert.NotEmpty(received);
            Assert.All(received, m => Assert.Equal(new byte[] { m[0], 0xAB, m[0] }, m));
        }
    }

    [Fact]
    public async Task Handshake_over_real_udp_sockets_on_loopback()
    {
        var clientSide = new UdpDatagramTransport();
        var serverSide = new UdpDatagramTransport(clientSide.LocalEndPoint);
        clientSide.Remote = serverSide.LocalEndPoint;
        var (client, server) = await ConnectPairAsync(clientSide, serverSide,
            new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1_80] },
            new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1_80] });
        await using (client)
        await using (server)
        {
            Assert.Equal(SrtpProtectionProfile.Aes128CmHmacSha1_80, server.SrtpProfile);
            for (var i = 0; i < 10; i++) await AssertRoundTripAsync(client, server, $"udp message {i}");
        }
    }

    [Fact]
    public async Task Handshake_times_out_with_a_readable_message_when_the_peer_never_answers()
    {
        var (a, b) = DatagramPipe.Create();
        await using var silentPeer = b;
        using var cert = DtlsCertificate.Generate();
        var options = new DtlsOptions { HandshakeTimeout = TimeSpan.FromSeconds(2), InitialRetransmitTimeout = TimeSpan.FromMilliseconds(200) };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() =>
            DtlsTransport.ConnectAsync(a, DtlsRole.Client, cert, cert.Fingerprint, options, Timeout()));
        Assert.Equal("DTLS handshake timed out after 2 s.", error.Message);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task Server_waiting_for_a_client_that_never_comes_times_out_too()
    {
        var (a, b) = DatagramPipe.Create();
        await using var silentPeer = b;
        using var cert = DtlsCertificate.Generate();
        var options = new DtlsOptions { HandshakeTimeout = TimeSpan.FromSeconds(1) };
        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() =>
            DtlsTransport.ConnectAsync(a, DtlsRole.Server, cert, cert.Fingerprint, options, Timeout()));
        Assert.Contains("timed out", error.Message);
    }

    [Fact]
    public async Task Retransmissions_back_off_exponentially()
    {
        var (a, b) = DatagramPipe.Create();
        await using var silentPeer = b;
        var tap = new TapTransport(a);
        using var cert = DtlsCertificate.Generate();
        var options = new DtlsOptions { HandshakeTimeout = TimeSpan.FromSeconds(3.5), InitialRetransmitTimeout = TimeSpan.FromMilliseconds(200) };
        await Assert.ThrowsAsync<DtlsHandshakeException>(() =>
            DtlsTransport.ConnectAsync(tap, DtlsRole.Client, cert, cert.Fingerprint, options, Timeout()));
        // ClientHello at ~0, 0.2, 0.6, 1.4, 3.0 s. Without back-off a 200 ms timer would send ~16
        // in that time. (BouncyCastle sends one more flight the moment its handshake timer
        // expires; leave that out.) Loose bounds: tests run in parallel on a busy machine.
        var times = tap.Sent.Where(s => s.Datagram[0] == 22 && s.At < TimeSpan.FromSeconds(3.3)).Select(s => s.At.TotalMilliseconds).ToArray();
        Assert.InRange(times.Length, 3, 6);
        var gaps = times.Zip(times.Skip(1), (x, y) => y - x).ToArray();
        Assert.True(gaps.Max() >= 4 * 200, $"gaps {string.Join(", ", gaps.Select(g => g.ToString("0")))} ms do not back off");
        Assert.True(gaps[^1] > gaps[0], $"gaps {string.Join(", ", gaps.Select(g => g.ToString("0")))} ms do not grow");
    }

    [Fact]
    public async Task Cancellation_aborts_the_handshake_promptly()
    {
        var (a, b) = DatagramPipe.Create();
        await using var silentPeer = b;
        using var cert = DtlsCertificate.Generate();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DtlsTransport.ConnectAsync(a, DtlsRole.Client, cert, cert.Fingerprint, new DtlsOptions(), cts.Token));
    }

    [Fact]
    public async Task Lower_transport_closing_mid_handshake_fails_with_a_readable_message()
    {
        var (a, b) = DatagramPipe.Create();
        using var cert = DtlsCertificate.Generate();
        var connect = DtlsTransport.ConnectAsync(a, DtlsRole.Server, cert, cert.Fingerprint, new DtlsOptions(), Timeout());
        await Task.Delay(200);
        await b.DisposeAsync();
        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => connect);
        Assert.Equal("The connection closed during the secure handshake.", error.Message);
    }
}
