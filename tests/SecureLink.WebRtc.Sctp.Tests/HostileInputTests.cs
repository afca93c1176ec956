using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;
using SecureLink.WebRtc.Transport;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests;

public class HostileInputTests
{
    [Fact]
    public async Task Garbage_injected_mid_association_is_dropped_and_counted_while_data_keeps_flowing()
    {
        var (a, b) = DatagramPipe.Create();
        var probe = new ProbeTransport(a);
        await using var pair = await TestPair.ConnectAsync(clientLower: probe, serverLower: b);
        pair.ClientChannels = new DataChannelManager(pair.Client, true);
        pair.ServerChannels = new DataChannelManager(pair.Server, false);
        var (local, remote) = await pair.OpenChannelAsync("x");
        var collector = new MessageCollector(remote, 200);
        var droppedBefore = pair.Server.Statistics.PacketsDropped;

        var valid = new SctpPacket(5000, 5000, 0, [new DataChunk(999, 0, 0, 51, new byte[] { 1 })]).ToArray();
        var badCrc = (byte[])valid.Clone();
        badCrc[^2] ^= 1;
        var truncated = valid[..^3];
        Crc32c.WritePacketChecksum(truncated);
        var oversizeLength = (byte[])valid.Clone();
        oversizeLength[14] = 0xFF; // chunk length 65xxx, far past the packet
        Crc32c.WritePacketChecksum(oversizeLength);
        var wrongTag = valid; // verification tag 0 on a DATA packet
        var random = new byte[300];
        new Random(9).NextBytes(random);
        byte[][] junk = [badCrc, truncated, oversizeLength, wrongTag, random, [], [1, 2, 3]];

        for (var i = 0; i < 200; i++)
        {
            await local.SendAsync("m" + i);
            if (i % 20 == 0) foreach (var j in junk) await probe.InjectAsync(j);
        }
        var got = await collector.WaitAsync();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => "m" + i), got.Select(m => m.Text));
        Assert.True(pair.Server.Statistics.PacketsDropped - droppedBefore >= 10 * junk.Length - 10);
        Assert.Equal(SctpAssociationState.Established, pair.Server.State);
    }

    [Fact]
    public async Task A_message_over_our_limit_is_dropped_and_the_stream_goes_on()
    {
        await using var pair = await TestPair.ConnectAsync(tweak: o => new SctpOptions
        {
            IsClient = o.IsClient, MaxReceiveMessageSize = 10_000, RemoteMaxMessageSize = 262144,
        });
        pair.ClientChannels = new DataChannelManager(pair.Client, true);
        pair.ServerChannels = new DataChannelManager(pair.Server, false);
        var (local, remote) = await pair.OpenChannelAsync("x");
        var collector = new MessageCollector(remote, 2);
        await local.SendAsync("before");
        await local.SendAsync(new byte[50_000]);
        await local.SendAsync("after");
        var got = await collector.WaitAsync();
        Assert.Equal(["before", "after"], got.Select(m => m.Text));
        Assert.Equal(1, pair.Server.Statistics.MessagesDropped);
    }

    [Fact]
    public async Task Forged_cookie_echo_is_ignored()
    {
        var (a, b) = DatagramPipe.Create();
        var server = SctpAssociation.ConnectAsync(b, new SctpOptions(), CancellationToken.None);
        var forged = new SctpPacket(5000, 5000, 0x12345678, [new CookieEchoChunk(new byte[70])]).ToArray();
        await a.SendAsync(forged);
        await Task.Delay(200);
        Assert.False(server.IsCompleted);
        // A real client still gets through afterwards.
        var client = await SctpAssociation.ConnectAsync(a, new SctpOptions { IsClient = true }, CancellationToken.None).WaitAsync(TestPair.Timeout);
        var s = await server.WaitAsync(TestPair.Timeout);
        await client.DisposeAsync();
        await s.DisposeAsync();
    }

    [Fact]
    public async Task Heartbeat_is_answered_with_the_same_info()
    {
        var (a, b) = DatagramPipe.Create();
        var probe = new ProbeTransport(a);
        var answers = new List<HeartbeatChunk>();
        // Watch what the server sends back to the client side by wrapping the server's lower.
        var serverProbe = new ProbeTransport(b)
        {
            Rewrite = bytes =>
            {
                if (SctpPacket.TryParse(bytes, out var p, out _))
                    lock (answers) answers.AddRange(p!.Chunks.OfType<HeartbeatChunk>());
                return bytes;
            },
        };
        await using var pair = await TestPair.ConnectAsync(clientLower: probe, serverLower: serverProbe);
        var tag = ServerTag(pair);
        var info = new byte[] { 0, 1, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8 };
        await probe.InjectAsync(new SctpPacket(5000, 5000, tag, [new HeartbeatChunk(false, info)]).ToArray());
        var deadline = DateTime.UtcNow + TestPair.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (answers)
                if (answers.Count > 0) break;
            await Task.Delay(10);
        }
        lock (answers)
        {
            var ack = Assert.Single(answers);
            Assert.True(ack.IsAck);
            Assert.Equal(info, ack.Info);
        }
    }

    private static uint ServerTag(TestPair pair) => pair.Server.LocalVerificationTag;
}
