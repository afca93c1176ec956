using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Transport;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests;

public class PartialReliabilityTests
{
    [Theory]
    [InlineData(true, 0, null)]
    [InlineData(false, 0, null)]
    [InlineData(true, null, 10)]
    public async Task Lost_messages_are_abandoned_with_forward_tsn_and_the_channel_keeps_going(bool ordered, int? maxRetransmits, int? lifetimeMs)
    {
        // With a lifetime, a one-way delay longer than it makes every retransmission decision come too late.
        var delay = lifetimeMs is null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(20);
        var lossy = new PipeImpairment(LossRate: 0.3, Delay: delay, Seed: 21);
        var clientLog = new ListLog("client");
        var serverLog = new ListLog("server");
        await using var pair = await TestPair.WithChannelsAsync(lossy, new PipeImpairment(LossRate: 0.05, Delay: delay, Seed: 22), clientLog, serverLog);
        var (local, remote) = await pair.OpenChannelAsync("pr", new DataChannelOptions
        {
            Ordered = ordered, MaxRetransmits = maxRetransmits, MaxPacketLifeTimeMs = lifetimeMs,
        });
        Assert.Equal(ordered, remote.Ordered);
        var got = new List<int>();
        remote.MessageReceived += m =>
        {
            lock (got) got.Add(int.Parse(m.Text));
        };
        for (var i = 0; i < 400; i++)
        {
            await local.SendAsync(i.ToString());
            // One message per packet, so a lost packet costs one message and the tail cannot vanish as one bundle.
            await Task.Delay(1);
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (local.BufferedAmount > 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(0, local.BufferedAmount); // every message acknowledged or abandoned
        // Acknowledged is not delivered: an ordered stream waits for FORWARD-TSN to skip what was abandoned.
        bool TailArrived()
        {
            lock (got) return got.Any(i => i >= 360);
        }
        while (!TailArrived() && DateTime.UtcNow < deadline) await Task.Delay(20);

        // A reliable message on a second channel after all that.
        var (after, afterRemote) = await pair.OpenChannelAsync("after");
        var end = new MessageCollector(afterRemote, 1);
        await after.SendAsync("end");
        await end.WaitAsync(TimeSpan.FromSeconds(30));

        int[] received;
        lock (got) received = [.. got];
        Assert.True(received.Length < 400, "30% loss with no retransmission should lose something");
        Assert.True(received.Any(i => i >= 360), // the stream did not stall behind an abandoned message
            $"received {received.Length}, last {received.LastOrDefault()}; client {pair.Client.DebugSnapshot} server {pair.Server.DebugSnapshot} fwd={pair.Client.Statistics.ForwardTsnSent} state={pair.Client.State}/{pair.Server.State}\n{clientLog}\n{serverLog}");
        Assert.Equal(received.Length, received.Distinct().Count());
        if (ordered) Assert.Equal(received.OrderBy(i => i), received);
        Assert.True(pair.Client.Statistics.ForwardTsnSent > 0);
    }
}
