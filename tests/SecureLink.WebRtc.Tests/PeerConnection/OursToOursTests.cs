using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.PeerConnection;

/// <summary>Our stack against itself, on loopback and on the namespace's veth "LAN".</summary>
public sealed class OursToOursTests
{
    public static TheoryData<bool> Networks => new() { true, false };

    [IsolatedTheory]
    [MemberData(nameof(Networks))]
    public async Task Channel_opens_and_carries_text_and_binary_both_ways(bool loopback)
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback, cts.Token);
        Assert.Equal(PeerConnectionState.Connected, pair.Offerer.ConnectionState);
        Assert.Equal(PeerConnectionState.Connected, pair.Answerer.ConnectionState);
        Assert.Equal("chat", pair.AnswererChannel.Label);
        Assert.Equal(loopback, IPAddress.IsLoopback(pair.Offerer.SelectedLocalEndPoint!.Address));

        await pair.OffererChannel.SendAsync("hello from the offerer", cts.Token);
        await pair.AnswererChannel.SendAsync(new byte[] { 1, 2, 3 }, cts.Token);
        await pair.AnswererChannel.SendAsync("", cts.Token);
        var atAnswerer = await pair.AnswererInbox.NextAsync(cts.Token);
        var atOfferer = await pair.OffererInbox.NextAsync(2, cts.Token);
        Assert.True(atAnswerer.IsText);
        Assert.Equal("hello from the offerer", atAnswerer.Text);
        Assert.False(atOfferer[0].IsText);
        Assert.Equal(new byte[] { 1, 2, 3 }, atOfferer[0].Data);
        Assert.True(atOfferer[1].IsText);
        Assert.Equal("", atOfferer[1].Text);
    }

    [IsolatedTheory]
    [MemberData(nameof(Networks))]
    public async Task A_200_KiB_message_arrives_whole_both_ways(bool loopback)
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback, cts.Token);
        var big = Bounded.RandomBytes(200 * 1024, seed: 7);
        await pair.OffererChannel.SendAsync(big, cts.Token);
        Assert.Equal(big, (await pair.AnswererInbox.NextAsync(cts.Token)).Data);
        await pair.AnswererChannel.SendAsync(big, cts.Token);
        Assert.Equal(big, (await pair.OffererInbox.NextAsync(cts.Token)).Data);
    }

    [IsolatedTheory]
    [MemberData(nameof(Networks))]
    public async Task Ten_thousand_small_messages_arrive_complete_and_in_order(bool loopback)
    {
        using var cts = Bounded.Timeout(90);
        await using var pair = await OurPair.ConnectAsync(loopback, cts.Token);
        const int count = 10_000;
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++) await pair.OffererChannel.SendAsync($"m{i}", cts.Token);
        });
        var got = await pair.AnswererInbox.NextAsync(count, cts.Token);
        await sending;
        for (var i = 0; i < count; i++) Assert.Equal($"m{i}", got[i].Text);
    }

    [IsolatedFact]
    public async Task Closing_the_channel_is_seen_by_the_other_side()
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback: false, cts.Token);
        await pair.AnswererChannel.CloseAsync(cts.Token);
        await pair.OffererInbox.Closed.WaitAsync(cts.Token);
        Assert.Equal(DataChannelState.Closed, pair.OffererChannel.State);
        // The connection outlives the channel: a new one still opens.
        var remote = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Answerer.DataChannelOpened += ch => remote.TrySetResult(ch);
        var second = pair.Offerer.CreateDataChannel("second");
        Assert.Equal(DataChannelState.Open, second.State);
        var inbox = new MessageInbox(await remote.Task.WaitAsync(cts.Token));
        await second.SendAsync("still here", cts.Token);
        Assert.Equal("still here", (await inbox.NextAsync(cts.Token)).Text);
    }

    [IsolatedTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Disposing_one_side_closes_the_other_and_frees_its_socket(bool offererLeaves)
    {
        using var cts = Bounded.Timeout();
        var pair = await OurPair.ConnectAsync(loopback: false, cts.Token);
        var (leaver, stayer) = offererLeaves ? (pair.Offerer, pair.Answerer) : (pair.Answerer, pair.Offerer);
        var stayerClosed = new TaskCompletionSource<PeerConnectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        stayer.ConnectionStateChanged += (_, to) => { if (to is PeerConnectionState.Closed or PeerConnectionState.Failed) stayerClosed.TrySetResult(to); };
        var endpoint = leaver.SelectedLocalEndPoint!;

        await leaver.DisposeAsync();
        Assert.Equal(PeerConnectionState.Closed, leaver.ConnectionState);
        Assert.Equal(PeerConnectionState.Closed, await stayerClosed.Task.WaitAsync(cts.Token));
        Assert.True(stayer.ClosedByPeer, "the stayer should learn the peer left (close_notify / SHUTDOWN), not time out");
        // The port is free again: nothing of the leaver still holds it.
        using (var rebind = new UdpClient(new IPEndPoint(endpoint.Address, endpoint.Port))) { }
        await pair.DisposeAsync();
    }

    [IsolatedFact]
    public async Task Random_datagrams_at_our_port_do_not_break_the_chat()
    {
        using var cts = Bounded.Timeout(60);
        await using var pair = await OurPair.ConnectAsync(loopback: false, cts.Token);
        var target = pair.Answerer.SelectedLocalEndPoint!;
        using var attacker = new UdpClient(new IPEndPoint(target.Address, 0));
        var random = new Random(1234);
        var stop = new CancellationTokenSource();
        var blasting = Task.Run(async () =>
        {
            var buffer = new byte[1500];
            var sent = 0;
            while (!stop.IsCancellationRequested && sent < 20_000)
            {
                var length = random.Next(1, buffer.Length);
                random.NextBytes(buffer.AsSpan(0, length));
                // Cover each RFC 7983 range: STUN-looking, DTLS-looking, RTP-looking and the rest.
                buffer[0] = (sent % 4) switch { 0 => (byte)random.Next(0, 4), 1 => (byte)random.Next(20, 64), 2 => (byte)random.Next(128, 192), _ => buffer[0] };
                await attacker.SendAsync(buffer.AsMemory(0, length), target);
                sent++;
                if (sent % 200 == 0) await Task.Delay(1);
            }
        });
        for (var i = 0; i < 200; i++)
        {
            await pair.OffererChannel.SendAsync($"during {i}", cts.Token);
            Assert.Equal($"during {i}", (await pair.AnswererInbox.NextAsync(cts.Token)).Text);
            await pair.AnswererChannel.SendAsync($"back {i}", cts.Token);
            Assert.Equal($"back {i}", (await pair.OffererInbox.NextAsync(cts.Token)).Text);
        }
        await stop.CancelAsync();
        await blasting;
        Assert.Equal(PeerConnectionState.Connected, pair.Answerer.ConnectionState);
        Assert.Equal(PeerConnectionState.Connected, pair.Offerer.ConnectionState);
    }
}
