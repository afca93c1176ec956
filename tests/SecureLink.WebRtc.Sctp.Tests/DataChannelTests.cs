using System.Text;
using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Transport;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests;

public class DataChannelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Channel_opens_from_either_side_with_the_right_id_parity(bool fromServer)
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (local, remote) = await pair.OpenChannelAsync("chat", new DataChannelOptions { Protocol = "p1" }, fromServer);
        Assert.Equal(fromServer ? 1 : 0, local.Id % 2);
        Assert.Equal(local.Id, remote.Id);
        Assert.Equal("chat", remote.Label);
        Assert.Equal("p1", remote.Protocol);
        Assert.Equal(DataChannelState.Open, local.State);
        Assert.Equal(DataChannelState.Open, remote.State);
    }

    [Fact]
    public async Task Text_binary_and_empty_messages_keep_their_kind()
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (local, remote) = await pair.OpenChannelAsync("kinds");
        var collector = new MessageCollector(remote, 4);
        await local.SendAsync("héllo");
        await local.SendAsync(new byte[] { 1, 2, 3 });
        await local.SendAsync("");
        await local.SendAsync(ReadOnlyMemory<byte>.Empty);
        var got = await collector.WaitAsync();
        Assert.True(got[0].IsText);
        Assert.Equal("héllo", got[0].Text);
        Assert.False(got[1].IsText);
        Assert.Equal(new byte[] { 1, 2, 3 }, got[1].Data);
        Assert.True(got[2].IsText);
        Assert.Empty(got[2].Data);
        Assert.False(got[3].IsText);
        Assert.Empty(got[3].Data);
    }

    [Fact]
    public async Task Messages_flow_both_ways_on_one_channel()
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (local, remote) = await pair.OpenChannelAsync("echo");
        var back = new MessageCollector(local, 1);
        remote.MessageReceived += m => _ = remote.SendAsync("re: " + m.Text);
        await local.SendAsync("ping");
        var got = await back.WaitAsync();
        Assert.Equal("re: ping", got[0].Text);
    }

    [Fact]
    public async Task A_256_KiB_message_arrives_whole()
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (local, remote) = await pair.OpenChannelAsync("big");
        var data = new byte[262144];
        new Random(3).NextBytes(data);
        var collector = new MessageCollector(remote, 1);
        await local.SendAsync(data);
        var got = await collector.WaitAsync();
        Assert.Equal(data, got[0].Data);
    }

    [Fact]
    public async Task Ten_thousand_small_messages_arrive_complete_and_in_order()
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (local, remote) = await pair.OpenChannelAsync("many");
        var collector = new MessageCollector(remote, 10_000);
        for (var i = 0; i < 10_000; i++) await local.SendAsync(i.ToString());
        var got = await collector.WaitAsync();
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i.ToString()), got.Select(m => m.Text));
    }

    [Fact]
    public async Task Unordered_channel_delivers_every_message()
    {
        await using var pair = await TestPair.WithChannelsAsync(new PipeImpairment(ReorderRate: 0.2, Seed: 5));
        var (local, remote) = await pair.OpenChannelAsync("loose", new DataChannelOptions { Ordered = false });
        Assert.False(remote.Ordered);
        var collector = new MessageCollector(remote, 500);
        for (var i = 0; i < 500; i++) await local.SendAsync(Encoding.UTF8.GetBytes(new string('x', 1 + i * 7 % 3000) + i));
        var got = await collector.WaitAsync();
        Assert.Equal(500, got.Select(m => m.Text).Distinct().Count());
    }

    [Fact]
    public async Task Over_a_lossy_reordering_duplicating_link_2000_messages_arrive_complete_and_in_order()
    {
        var bad = new PipeImpairment(LossRate: 0.1, DuplicateRate: 0.05, ReorderRate: 0.1, Seed: 11);
        await using var pair = await TestPair.WithChannelsAsync(bad, bad with { Seed = 12 });
        var (local, remote) = await pair.OpenChannelAsync("lossy");
        var collector = new MessageCollector(remote, 2000);
        for (var i = 0; i < 2000; i++)
        {
            // A mix of small and multi-chunk messages so fragments get lost too.
            var text = i % 50 == 0 ? new string('z', 5000) + i : "m" + i;
            await local.SendAsync(text);
        }
        var got = await collector.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2000, got.Count);
        for (var i = 0; i < 2000; i++) Assert.EndsWith(i.ToString(), got[i].Text);
        Assert.True(pair.Client.Statistics.Retransmissions > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Closing_a_channel_closes_both_ends(bool closeFromAcceptor)
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (local, remote) = await pair.OpenChannelAsync("bye");
        var localClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var remoteClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        local.ClosedEvent += () => localClosed.TrySetResult();
        remote.ClosedEvent += () => remoteClosed.TrySetResult();
        var last = new MessageCollector(closeFromAcceptor ? local : remote, 1);
        var closer = closeFromAcceptor ? remote : local;
        await closer.SendAsync("last words");
        await closer.CloseAsync().WaitAsync(TestPair.Timeout);
        await Task.WhenAll(localClosed.Task, remoteClosed.Task).WaitAsync(TestPair.Timeout);
        Assert.Equal("last words", (await last.WaitAsync())[0].Text);
        Assert.Equal(DataChannelState.Closed, local.State);
        Assert.Equal(DataChannelState.Closed, remote.State);
        Assert.Empty(pair.ClientChannels!.Channels);
        Assert.Empty(pair.ServerChannels!.Channels);
        // The id is free again and a new channel on it works (SSNs restarted at 0).
        var (again, againRemote) = await pair.OpenChannelAsync("again");
        Assert.Equal(local.Id, again.Id);
        var collector = new MessageCollector(againRemote, 1);
        await again.SendAsync("fresh");
        Assert.Equal("fresh", (await collector.WaitAsync())[0].Text);
    }

    [Fact]
    public async Task Messages_sent_right_after_open_before_the_ack_arrive()
    {
        await using var pair = await TestPair.WithChannelsAsync(new PipeImpairment(Delay: TimeSpan.FromMilliseconds(30)));
        var got = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.ServerChannels!.ChannelOpened += c => c.MessageReceived += m => got.TrySetResult(m.Text);
        var channel = await pair.ClientChannels!.CreateChannelAsync("early", new DataChannelOptions { Ordered = false });
        await channel.SendAsync("first");
        Assert.Equal("first", await got.Task.WaitAsync(TestPair.Timeout));
    }

    [Fact]
    public async Task Negotiated_channels_need_no_handshake()
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var a = await pair.ClientChannels!.CreateChannelAsync("n", new DataChannelOptions { Negotiated = true, Id = 7 });
        var b = await pair.ServerChannels!.CreateChannelAsync("n", new DataChannelOptions { Negotiated = true, Id = 7 });
        var collector = new MessageCollector(b, 1);
        await a.SendAsync("hi");
        Assert.Equal("hi", (await collector.WaitAsync())[0].Text);
    }

    [Fact]
    public async Task Buffered_amount_returns_to_zero_once_acknowledged()
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (local, remote) = await pair.OpenChannelAsync("buf");
        var collector = new MessageCollector(remote, 20);
        for (var i = 0; i < 20; i++) await local.SendAsync(new byte[10_000]);
        await collector.WaitAsync();
        var deadline = DateTime.UtcNow + TestPair.Timeout;
        while (local.BufferedAmount != 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(0, local.BufferedAmount);
    }

    [Fact]
    public async Task Sending_more_than_the_peer_maximum_is_refused()
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (local, _) = await pair.OpenChannelAsync("limit");
        await Assert.ThrowsAsync<ArgumentException>(() => local.SendAsync(new byte[262145]));
    }

    [Fact]
    public async Task Nothing_is_lost_when_the_receiver_subscribes_late()
    {
        var pair = await TestPair.ConnectAsync();
        await using var _ = pair;
        pair.ClientChannels = new DataChannelManager(pair.Client, true);
        var channel = await pair.ClientChannels.CreateChannelAsync("early-bird");
        await channel.SendAsync("one");
        await channel.SendAsync("two");
        await Task.Delay(200); // OPEN and both messages are waiting on the server before anyone listens

        pair.ServerChannels = new DataChannelManager(pair.Server, false);
        var opened = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.ServerChannels.ChannelOpened += c => opened.TrySetResult(c);
        var remote = await opened.Task.WaitAsync(TestPair.Timeout);
        await Task.Delay(100); // and the channel's handler is attached later still
        var collector = new MessageCollector(remote, 2);
        Assert.Equal(["one", "two"], (await collector.WaitAsync()).Select(m => m.Text));
    }

    [Fact]
    public async Task A_channel_made_before_the_association_opens_once_attached()
    {
        var early = DataChannel.CreateUnattached("made-early", new DataChannelOptions { Protocol = "x" });
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        early.Opened += () => opened.TrySetResult();
        Assert.Equal(DataChannelState.Connecting, early.State);
        await Assert.ThrowsAsync<InvalidOperationException>(() => early.SendAsync("too soon"));

        await using var pair = await TestPair.WithChannelsAsync();
        var remote = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.ServerChannels!.ChannelOpened += c => remote.TrySetResult(c);
        await pair.ClientChannels!.AttachAsync(early);
        await opened.Task.WaitAsync(TestPair.Timeout);
        Assert.Equal(DataChannelState.Open, early.State);
        var r = await remote.Task.WaitAsync(TestPair.Timeout);
        Assert.Equal(("made-early", "x", early.Id), (r.Label, r.Protocol, r.Id));
        var collector = new MessageCollector(r, 1);
        await early.SendAsync("now");
        Assert.Equal("now", (await collector.WaitAsync())[0].Text);
    }

    [Fact]
    public async Task Closing_a_channel_that_was_never_attached_just_closes_it()
    {
        var early = DataChannel.CreateUnattached("never");
        var closed = false;
        early.ClosedEvent += () => closed = true;
        await early.CloseAsync().WaitAsync(TestPair.Timeout);
        Assert.True(closed);
        Assert.Equal(DataChannelState.Closed, early.State);
    }

    [Fact]
    public async Task Close_completes_even_if_the_peer_never_resets_back()
    {
        // The server side has no manager: it performs our reset (SCTP level) but never resets its own stream.
        await using var pair = await TestPair.ConnectAsync();
        pair.ClientChannels = new DataChannelManager(pair.Client, true);
        var channel = await pair.ClientChannels.CreateChannelAsync("one-way", new DataChannelOptions { Negotiated = true, Id = 4 });
        pair.Server.StartReceiving(new IgnoringReceiver());
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await channel.CloseAsync().WaitAsync(TestPair.Timeout);
        Assert.Equal(DataChannelState.Closed, channel.State);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));
    }

    private sealed class IgnoringReceiver : ISctpReceiver
    {
        public void OnMessage(ushort streamId, uint ppid, byte[] data) { }
        public void OnIncomingStreamsReset(IReadOnlyList<ushort> streamIds) { }
        public void OnClosed(string reason) { }
    }

    [Fact]
    public async Task A_bulk_transfer_on_one_channel_does_not_hold_up_another()
    {
        await using var pair = await TestPair.WithChannelsAsync();
        var (bulk, bulkRemote) = await pair.OpenChannelAsync("bulk");
        var (chat, chatRemote) = await pair.OpenChannelAsync("chat");
        long bulkReceived = 0;
        bulkRemote.MessageReceived += m => Interlocked.Add(ref bulkReceived, m.Data.Length);
        var chatArrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        chatRemote.MessageReceived += _ => chatArrived.TrySetResult(Interlocked.Read(ref bulkReceived));
        const int total = 3 * 1024 * 1024;
        for (var i = 0; i < total / 65536; i++) _ = bulk.SendAsync(new byte[65536]); // queued, not awaited: a backlog
        await chat.SendAsync("hello");
        var bulkBytesBeforeChat = await chatArrived.Task.WaitAsync(TestPair.Timeout);
        Assert.True(bulkBytesBeforeChat < total / 2, $"{bulkBytesBeforeChat} bulk bytes went first");
    }
}
