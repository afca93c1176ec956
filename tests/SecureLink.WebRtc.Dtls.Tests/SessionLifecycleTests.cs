using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;
using static SecureLink.WebRtc.Dtls.Tests.TestSupport;

namespace SecureLink.WebRtc.Dtls.Tests;

public sealed class SessionLifecycleTests
{
    [Fact]
    public async Task Close_notify_reaches_the_peer_which_reports_it_and_stops_receiving()
    {
        var (a, b) = DatagramPipe.Create();
        // Keep the lower transports alive on the peer side: only DTLS may tell it we left.
        var (client, server) = await ConnectPairAsync(new TapTransport(a), new NonClosingTransport(b));
        var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Closed += reason => closed.TrySetResult(reason);
        var pendingReceive = ReceiveOneAsync(server, Timeout(TimeSpan.FromSeconds(20)));

        await client.DisposeAsync();

        Assert.Equal("close_notify", await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<TransportClosedException>(() => pendingReceive);
        await Assert.ThrowsAsync<TransportClosedException>(async () => await server.ReceiveAsync(new byte[100]));
        await Assert.ThrowsAsync<TransportClosedException>(async () => await server.SendAsync(new byte[] { 1 }));
        Assert.True(server.IsClosed);
        Assert.Equal("close_notify", server.CloseReason);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Local_dispose_reports_local_close_once()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b);
        var reasons = new List<string>();
        client.Closed += reasons.Add;
        await client.DisposeAsync();
        await client.DisposeAsync();
        Assert.Equal(["local close"], reasons);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Lower_transport_closing_ends_the_session_with_transport_closed()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, new NonClosingTransport(b));
        var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Closed += reason => closed.TrySetResult(reason);
        await a.DisposeAsync(); // the link dies under DTLS, no close_notify
        Assert.Equal("transport closed", await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await client.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_leaves_no_running_thread()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b);
        Assert.True(client.IsThreadAlive);
        Assert.True(server.IsThreadAlive);
        await client.DisposeAsync();
        await server.DisposeAsync();
        Assert.False(client.IsThreadAlive);
        Assert.False(server.IsThreadAlive);
    }

    [Fact]
    public async Task Failed_handshake_leaves_no_running_thread()
    {
        var (a, b) = DatagramPipe.Create();
        await using var silent = b;
        using var cert = DtlsCertificate.Generate();
        var options = new DtlsOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(500) };
        var before = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
        for (var i = 0; i < 5; i++)
        {
            var (x, y) = DatagramPipe.Create();
            await Assert.ThrowsAsync<DtlsHandshakeException>(() =>
                DtlsTransport.ConnectAsync(x, DtlsRole.Client, cert, cert.Fingerprint, options, Timeout()));
            await y.DisposeAsync();
        }
        // Indirect but real: the OS thread count does not grow by one per failed handshake.
        var after = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
        Assert.True(after < before + 5, $"threads before {before}, after {after}");
    }

    [Fact]
    public async Task Garbage_truncated_records_and_forged_alerts_do_not_break_the_session()
    {
        var (a, b) = DatagramPipe.Create();
        var attacker = new TapTransport(a); // whatever "attacker" injects arrives at the server
        var (client, server) = await ConnectPairAsync(attacker, b);
        await using (client)
        await using (server)
        {
            var closedReason = (string?)null;
            server.Closed += r => closedReason = r;
            await AssertRoundTripAsync(client, server, "before");

            var random = new Random(7);
            for (var i = 0; i < 50; i++)
            {
                var junk = new byte[random.Next(1, 300)];
                random.NextBytes(junk);
                await attacker.InjectAsync(junk);
            }
            // A real application record from the client, cut short and bit-flipped.
            var appRecord = attacker.Sent.Last(s => s.Datagram[0] == 23).Datagram;
            await attacker.InjectAsync(appRecord[..(appRecord.Length / 2)]);
            var flipped = (byte[])appRecord.Clone();
            flipped[^1] ^= 0x01;
            await attacker.InjectAsync(flipped);
            await attacker.InjectAsync(appRecord); // replay: dropped by the replay window
            // Forged plaintext fatal alerts (epoch 0 and a guessed epoch 1) and close_notify.
            await attacker.InjectAsync([21, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 99, 0, 2, 2, 40]);
            await attacker.InjectAsync([21, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 99, 0, 2, 2, 40]);
            await attacker.InjectAsync([21, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 98, 0, 2, 1, 0]);
            // A record header that claims more bytes than follow, and a handshake-typed ClientHello lookalike.
            await attacker.InjectAsync([23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 97, 0x40, 0]);
            await attacker.InjectAsync([22, 0xFE, 0xFF, 0, 0, 0, 0, 0, 0, 0, 7, 0, 1, 1]);

            await AssertRoundTripAsync(client, server, "after");
            Assert.Null(closedReason);
            Assert.False(server.IsClosed);
            Assert.True(server.ImplausibleRecordsDropped > 0); // the short forged alerts were caught by our guard
            // The replayed record was not delivered a second time.
            var extra = Task.Run(() => ReceiveOneAsync(server, Timeout(TimeSpan.FromMilliseconds(300))));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extra);
        }
    }

    [Fact]
    public async Task Concurrent_senders_on_both_sides_lose_nothing_on_a_perfect_link()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b);
        await using (client)
        await using (server)
        {
            const int PerSender = 200;
            var senders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
            {
                for (var i = 0; i < PerSender; i++) await client.SendAsync(new byte[] { (byte)s, (byte)(i >> 8), (byte)i });
            })).ToArray();
            var seen = new HashSet<int>();
            while (seen.Count < 4 * PerSender)
            {
                var m = await ReceiveOneAsync(server);
                Assert.True(seen.Add((m[0] << 16) | (m[1] << 8) | m[2]));
            }
            await Task.WhenAll(senders);
        }
    }
}

/// <summary>Hides DisposeAsync from the layer above, so a test can see what DTLS alone tells the peer.</summary>
internal sealed class NonClosingTransport(IDatagramTransport inner) : IDatagramTransport
{
    public int MaxDatagramSize => inner.MaxDatagramSize;
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default) => inner.SendAsync(datagram, cancellationToken);
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReceiveAsync(buffer, cancellationToken);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
