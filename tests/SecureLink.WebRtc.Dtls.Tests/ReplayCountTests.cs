using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;
using static SecureLink.WebRtc.Dtls.Tests.TestSupport;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>
/// BouncyCastle drops replayed and foreign records silently; <see cref="DtlsTransport.Statistics"/>
/// must count each one, by what it is, while the session goes on and nothing arrives twice.
/// </summary>
public sealed class ReplayCountTests
{
    [Fact]
    public async Task Replayed_records_are_counted_exactly_and_delivered_once()
    {
        var (a, b) = DatagramPipe.Create();
        var tap = new TapTransport(a);
        var (client, server) = await ConnectPairAsync(tap, b);
        await using (client)
        await using (server)
        {
            var before = tap.Sent.Count;
            for (var i = 0; i < 5; i++)
            {
                await client.SendAsync(new byte[] { (byte)i, 1, 2, 3 });
                Assert.Equal(i, (await ReceiveOneAsync(server))[0]);
            }
            var recorded = tap.Sent.Skip(before).Select(s => s.Datagram).Where(d => d[0] == 23).ToList();
            Assert.Equal(5, recorded.Count);
            var baseline = server.Statistics;

            for (var round = 0; round < 3; round++)
                foreach (var d in recorded) await tap.InjectAsync(d);
            // Three replays packed into one datagram count as three records.
            await tap.InjectAsync([.. recorded[0], .. recorded[1], .. recorded[2]]);
            await AssertRoundTripAsync(client, server, "after the replays");

            var s = server.Statistics;
            Assert.Equal(3 * 5 + 3, s.ReplayedRecords - baseline.ReplayedRecords);
            Assert.Equal(0, s.UnauthenticatedRecords);
            Assert.Equal(1, s.RecordsAuthenticated - baseline.RecordsAuthenticated); // only the round trip's one is new
            var extra = Task.Run(() => ReceiveOneAsync(server, Timeout(TimeSpan.FromMilliseconds(300))));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extra);
        }
    }

    [Fact]
    public async Task Forged_stale_and_foreign_records_are_counted_as_what_they_are()
    {
        // An earlier session between other keys, recorded.
        List<byte[]> earlier;
        {
            var (a0, b0) = DatagramPipe.Create();
            var tap0 = new TapTransport(a0);
            var (c0, s0) = await ConnectPairAsync(tap0, b0);
            await using (c0)
            await using (s0)
            {
                var before = tap0.Sent.Count;
                for (var i = 0; i < 3; i++)
                {
                    await c0.SendAsync(new byte[] { 9, 9, (byte)i });
                    await ReceiveOneAsync(s0);
                }
                earlier = [.. tap0.Sent.Skip(before).Select(s => s.Datagram).Where(d => d[0] == 23)];
            }
        }

        var (a, b) = DatagramPipe.Create();
        var tap = new TapTransport(a);
        var (client, server) = await ConnectPairAsync(tap, b);
        await using (client)
        await using (server)
        {
            await AssertRoundTripAsync(client, server, "live");
            var real = tap.Sent.Last(s => s.Datagram[0] == 23).Datagram;
            var baseline = server.Statistics;

            // A bit-flipped copy of a real record whose number was never used: fresh, but its MAC fails.
            var flipped = (byte[])real.Clone();
            flipped[6] ^= 0x01;                      // a sequence number 2^32 ahead...
            flipped[^1] ^= 0x01;                     // ...and a broken tag
            await tap.InjectAsync(flipped);
            // A clear (epoch 0) alert after the handshake.
            await tap.InjectAsync([21, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 99, 0, 2, 1, 0]);
            // Records of the earlier session: numbers this session authenticated are dropped by the
            // window unread (replayed, as far as anyone can tell without the MAC), the others fail the MAC.
            foreach (var d in earlier) await tap.InjectAsync(d);
            await AssertRoundTripAsync(client, server, "after");

            var s = server.Statistics;
            Assert.Equal(1, s.OtherEpochRecords - baseline.OtherEpochRecords);
            Assert.Equal(earlier.Count + 1, (s.UnauthenticatedRecords - baseline.UnauthenticatedRecords) + (s.ReplayedRecords - baseline.ReplayedRecords));
            Assert.True(s.UnauthenticatedRecords - baseline.UnauthenticatedRecords >= 1, s.ToString()); // the flipped one at least
            Assert.False(server.IsClosed);
        }
    }
}
