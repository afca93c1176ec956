using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.Interop;

/// <summary>
/// Our stack against Chromium's own RTCPeerConnection, in both roles. Chromium
/// echoes what it receives (in page JS), and also sends on its own. Our
/// a=max-message-size is 262144, so Chromium may send the 200 KiB message back.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumInteropTests(SharedChromium chromium)
{
    private const string Name = "c";

    private sealed class Session : IAsyncDisposable
    {
        public required ChromiumPage Page { get; init; }
        public required RtcPeerConnection Ours { get; init; }
        public required DataChannel Channel { get; init; }
        public required MessageInbox Inbox { get; init; }
        public required string Label { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Ours.DisposeAsync();
            await Page.DisposeAsync();
        }
    }

    private async Task<Session> ConnectAsync(bool weOffer, CancellationToken ct)
    {
        var page = await chromium.NewPageAsync();
        var ours = new RtcPeerConnection(OurPair.Config(loopback: false, IsolatedNetwork.LanA));
        try
        {
            await page.CreatePeerAsync(Name, echo: true);
            DataChannel channel;
            string label;
            if (weOffer)
            {
                label = "ours";
                var creating = ours.CreateDataChannelAsync(label, null, ct);
                var offer = await ours.CreateOfferAsync(ct);
                var answer = await page.AnswerAsync(Name, offer);
                Assert.Contains("a=setup:active", answer); // Chromium answers actpass with active: it is the DTLS client
                await ours.SetRemoteAnswerAsync(answer, ct);
                await ours.WaitConnectedAsync(ct);
                channel = await creating.WaitAsync(ct);
                var inbox = new MessageInbox(channel);
                await page.WaitOpenAsync(Name, label, ct);
                return new Session { Page = page, Ours = ours, Channel = channel, Inbox = inbox, Label = label };
            }
            label = "theirs";
            var remote = new TaskCompletionSource<(DataChannel, MessageInbox)>(TaskCreationOptions.RunContinuationsAsynchronously);
            ours.DataChannelOpened += ch => remote.TrySetResult((ch, new MessageInbox(ch)));
            var chromiumOffer = await page.OfferAsync(Name, label);
            var ourAnswer = await ours.CreateAnswerAsync(chromiumOffer, ct);
            Assert.Contains("a=setup:active", ourAnswer);
            await page.AcceptAsync(Name, ourAnswer);
            await ours.WaitConnectedAsync(ct);
            var (ch, box) = await remote.Task.WaitAsync(ct);
            await page.WaitOpenAsync(Name, label, ct);
            Assert.Equal(label, ch.Label);
            return new Session { Page = page, Ours = ours, Channel = ch, Inbox = box, Label = label };
        }
        catch
        {
            await ours.DisposeAsync();
            await page.DisposeAsync();
            throw;
        }
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_flow_both_ways(bool weOffer)
    {
        using var cts = Bounded.Timeout(60);
        await using var s = await ConnectAsync(weOffer, cts.Token);
        await s.Channel.SendAsync("hello chromium", cts.Token);
        Assert.Equal("hello chromium", (await s.Inbox.NextAsync(cts.Token)).Text);
        await s.Channel.SendAsync(new byte[] { 0, 1, 254, 255 }, cts.Token);
        var binary = await s.Inbox.NextAsync(cts.Token);
        Assert.False(binary.IsText);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, binary.Data);
        await s.Page.SendAsync(Name, s.Label, "from chromium");
        var text = await s.Inbox.NextAsync(cts.Token);
        Assert.True(text.IsText);
        Assert.Equal("from chromium", text.Text);
        Assert.Equal(PeerConnectionState.Connected, s.Ours.ConnectionState);
        Assert.Equal("connected", await s.Page.StateAsync(Name));
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_200_KiB_message_goes_there_and_back(bool weOffer)
    {
        using var cts = Bounded.Timeout(60);
        await using var s = await ConnectAsync(weOffer, cts.Token);
        var big = Bounded.RandomBytes(200 * 1024, seed: 3);
        await s.Channel.SendAsync(big, cts.Token);
        Assert.Equal(big, (await s.Inbox.NextAsync(cts.Token)).Data);
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ten_thousand_small_messages_arrive_in_order_both_ways(bool weOffer)
    {
        using var cts = Bounded.Timeout(90);
        await using var s = await ConnectAsync(weOffer, cts.Token);
        const int count = 10_000;
        for (var i = 0; i < count; i++) await s.Channel.SendAsync($"o{i}", cts.Token);
        var echoed = await s.Inbox.NextAsync(count, cts.Token);
        for (var i = 0; i < count; i++) Assert.Equal($"o{i}", echoed[i].Text);

        await s.Page.SendManyAsync(Name, s.Label, "c", count);
        var fromChromium = await s.Inbox.NextAsync(count, cts.Token);
        for (var i = 0; i < count; i++) Assert.Equal($"c{i}", fromChromium[i].Text);
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Our_channel_close_reaches_Chromium(bool weOffer)
    {
        using var cts = Bounded.Timeout(60);
        await using var s = await ConnectAsync(weOffer, cts.Token);
        await s.Channel.CloseAsync(cts.Token);
        await s.Page.WaitEventAsync(Name, e => e.Type == "closed" && e.Label == s.Label, cts.Token);
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chromium_channel_close_reaches_us(bool weOffer)
    {
        using var cts = Bounded.Timeout(60);
        await using var s = await ConnectAsync(weOffer, cts.Token);
        await s.Page.CloseChannelAsync(Name, s.Label);
        await s.Inbox.Closed.WaitAsync(cts.Token);
        Assert.Equal(DataChannelState.Closed, s.Channel.State);
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chromium_leaving_closes_our_connection(bool weOffer)
    {
        using var cts = Bounded.Timeout(60);
        await using var s = await ConnectAsync(weOffer, cts.Token);
        var closed = new TaskCompletionSource<PeerConnectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Ours.ConnectionStateChanged += (_, to) => { if (to is PeerConnectionState.Closed or PeerConnectionState.Failed) closed.TrySetResult(to); };
        await s.Page.ClosePeerAsync(Name);
        Assert.Equal(PeerConnectionState.Closed, await closed.Task.WaitAsync(cts.Token));
        Assert.True(s.Ours.ClosedByPeer);
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Our_leaving_closes_Chromiums_channel(bool weOffer)
    {
        using var cts = Bounded.Timeout(60);
        await using var s = await ConnectAsync(weOffer, cts.Token);
        await s.Ours.DisposeAsync();
        Assert.Equal(PeerConnectionState.Closed, s.Ours.ConnectionState);
        await s.Page.WaitEventAsync(Name, e => e.Type == "closed" && e.Label == s.Label, cts.Token);
    }
}
