using SecureLink.WebRtc.DataChannels;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests.Interop;

/// <summary>Against aiortc 1.4's SCTP and DCEP (an independent stack), over loopback UDP in place of DTLS.</summary>
public class AiortcInteropTests
{
    private static async Task<(AiortcPeer Peer, UdpLoopbackTransport Udp)> StartPeerAsync(string role, string? open = null)
    {
        var udp = new UdpLoopbackTransport();
        var peer = AiortcPeer.Start(udp.LocalPort, role, open);
        var ready = await peer.WaitForAsync(AiortcPeer.Event("ready"));
        udp.Connect(ready.GetProperty("port").GetInt32());
        return (peer, udp);
    }

    [Fact]
    public async Task We_initiate_open_a_channel_exchange_messages_close_it_and_shut_down()
    {
        var (peer, udp) = await StartPeerAsync("server");
        await using var _ = peer;
        await using var __ = udp;
        using var cts = new CancellationTokenSource(TestPair.Timeout);
        var association = await SctpAssociation.ConnectAsync(udp, new SctpOptions { IsClient = true }, cts.Token);
        // aiortc's passive side takes even ids, so we take odd ones.
        var channels = new DataChannelManager(association, isDtlsClient: false);
        var channel = await channels.CreateChannelAsync("echo");
        await peer.WaitForAsync(AiortcPeer.Event("open", "echo"));
        var echoes = new MessageCollector(channel, 4);
        await channel.SendAsync("hello aiortc");
        var big = new byte[60_000];
        new Random(1).NextBytes(big);
        await channel.SendAsync(big);
        await channel.SendAsync(new byte[] { 7 });
        await channel.SendAsync("ünïcödé");
        var got = await echoes.WaitAsync();
        Assert.Equal("hello aiortc", got[0].Text);
        Assert.Equal(big, got[1].Data);
        Assert.Equal(new byte[] { 7 }, got[2].Data);
        Assert.Equal("ünïcödé", got[3].Text);

        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ClosedEvent += () => closed.TrySetResult();
        await channel.CloseAsync().WaitAsync(TestPair.Timeout);
        await peer.WaitForAsync(AiortcPeer.Event("closed", "echo"));
        await closed.Task.WaitAsync(TestPair.Timeout);

        await association.DisposeAsync().AsTask().WaitAsync(TestPair.Timeout);
        Assert.Equal("shutdown", association.ClosedReason);
        Assert.True(association.IsFullyStopped);
    }

    [Fact]
    public async Task Aiortc_initiates_and_opens_a_channel_we_answer_and_it_closes_it()
    {
        var (peer, udp) = await StartPeerAsync("client", open: "from-aiortc");
        await using var _ = peer;
        await using var __ = udp;
        using var cts = new CancellationTokenSource(TestPair.Timeout);
        var association = await SctpAssociation.ConnectAsync(udp, new SctpOptions { IsClient = false }, cts.Token);
        var channels = new DataChannelManager(association, isDtlsClient: true);
        var opened = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        channels.ChannelOpened += c => opened.TrySetResult(c);
        var channel = await opened.Task.WaitAsync(TestPair.Timeout);
        Assert.Equal("from-aiortc", channel.Label);
        Assert.Equal(1, channel.Id % 2);
        // aiortc's opener may send only once our DATA_CHANNEL_ACK has arrived.
        await peer.WaitForAsync(AiortcPeer.Event("open", "from-aiortc"));
        var received = new MessageCollector(channel, 2);
        await peer.SendLineAsync("send hi from python");
        await channel.SendAsync("pong");
        var got = await received.WaitAsync();
        // aiortc echoes what we sent; we see its own message and the echo of ours.
        Assert.Contains(got, m => m.Text == "hi from python");
        Assert.Contains(got, m => m.Text == "pong");
        await peer.WaitForAsync(AiortcPeer.Event("message", "from-aiortc", "pong"));

        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ClosedEvent += () => closed.TrySetResult();
        await peer.SendLineAsync("close");
        await closed.Task.WaitAsync(TestPair.Timeout);
        await peer.WaitForAsync(AiortcPeer.Event("closed", "from-aiortc"));
        await association.DisposeAsync().AsTask().WaitAsync(TestPair.Timeout);
    }

    [Fact]
    public async Task Both_sides_sending_INIT_still_establishes()
    {
        // aiortc's active side ignores our INIT; we answer its INIT from COOKIE-WAIT (RFC 9260 §5.2.1) and come up on its COOKIE-ECHO.
        var (peer, udp) = await StartPeerAsync("client", open: "collide");
        await using var _ = peer;
        await using var __ = udp;
        using var cts = new CancellationTokenSource(TestPair.Timeout);
        var association = await SctpAssociation.ConnectAsync(udp, new SctpOptions { IsClient = true }, cts.Token);
        var channels = new DataChannelManager(association, isDtlsClient: true);
        var opened = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        channels.ChannelOpened += c => opened.TrySetResult(c);
        var channel = await opened.Task.WaitAsync(TestPair.Timeout);
        var echo = new MessageCollector(channel, 1);
        await channel.SendAsync("through the collision");
        Assert.Equal("through the collision", (await echo.WaitAsync())[0].Text);
        await association.DisposeAsync().AsTask().WaitAsync(TestPair.Timeout);
    }

    [Fact]
    public async Task Over_a_lossy_link_aiortc_and_we_recover_each_others_losses()
    {
        // Both stacks' SACK gap blocks, fast retransmits and T3 must understand each other.
        var (peer, udp) = await StartPeerAsync("server");
        await using var _ = peer;
        await using var lossy = new LossyTransport(udp, 0.1, seed: 5);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var association = await SctpAssociation.ConnectAsync(lossy, new SctpOptions { IsClient = true, RtoInitial = TimeSpan.FromMilliseconds(300) }, cts.Token);
        var channels = new DataChannelManager(association, isDtlsClient: false);
        var channel = await channels.CreateChannelAsync("lossy-echo");
        var echoes = new MessageCollector(channel, 300);
        for (var i = 0; i < 300; i++) await channel.SendAsync(i % 30 == 0 ? new string('q', 4000) + i : "n" + i);
        var got = await echoes.WaitAsync(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 300; i++) Assert.EndsWith(i.ToString(), got[i].Text);
        Assert.True(association.Statistics.Retransmissions > 0);
        await association.DisposeAsync().AsTask().WaitAsync(TestPair.Timeout);
    }

    [Fact]
    public async Task Unordered_and_partially_reliable_channels_open_on_aiortc()
    {
        var (peer, udp) = await StartPeerAsync("server");
        await using var _ = peer;
        await using var __ = udp;
        using var cts = new CancellationTokenSource(TestPair.Timeout);
        var association = await SctpAssociation.ConnectAsync(udp, new SctpOptions { IsClient = true }, cts.Token);
        var channels = new DataChannelManager(association, isDtlsClient: false);
        var unordered = await channels.CreateChannelAsync("unordered", new DataChannelOptions { Ordered = false });
        var rexmit = await channels.CreateChannelAsync("rexmit", new DataChannelOptions { MaxRetransmits = 2 });
        var timed = await channels.CreateChannelAsync("timed", new DataChannelOptions { Ordered = false, MaxPacketLifeTimeMs = 500 });
        foreach (var (channel, label) in new[] { (unordered, "unordered"), (rexmit, "rexmit"), (timed, "timed") })
        {
            await peer.WaitForAsync(AiortcPeer.Event("open", label));
            var echo = new MessageCollector(channel, 1);
            await channel.SendAsync("via " + label);
            Assert.Equal("via " + label, (await echo.WaitAsync())[0].Text);
        }
        await association.DisposeAsync().AsTask().WaitAsync(TestPair.Timeout);
    }
}
