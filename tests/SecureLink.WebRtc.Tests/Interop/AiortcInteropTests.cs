using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.Interop;

/// <summary>
/// Our stack against aiortc 1.4 (OpenSSL DTLS, its own SCTP, legacy
/// <c>DTLS/SCTP 5000</c> SDP when it offers), in both roles. aiortc 1.4
/// advertises and accepts at most 65536-byte messages, so the "large message"
/// here is 60 KiB, not the 200 KiB used against Chromium and ourselves.
/// </summary>
public sealed class AiortcInteropTests
{
    private const int Large = 60 * 1024;

    private sealed class Session : IAsyncDisposable
    {
        public required LinePeer Aiortc { get; init; }
        public required RtcPeerConnection Ours { get; init; }
        public required DataChannel Channel { get; init; }
        public required MessageInbox Inbox { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Ours.DisposeAsync();
            await Aiortc.DisposeAsync();
        }
    }

    /// <summary>We offer; aiortc answers and echoes.</summary>
    private static async Task<Session> WeOfferAsync(CancellationToken ct, RtcConfiguration? config = null)
    {
        var aiortc = AiortcPeer.Start("answer");
        var ours = new RtcPeerConnection(config ?? OurPair.Config(loopback: false, IsolatedNetwork.LanA));
        try
        {
            var creating = ours.CreateDataChannelAsync("echo", null, ct);
            await aiortc.SendAsync(new { type = "offer", sdp = await ours.CreateOfferAsync(ct) });
            var answer = (string)(await aiortc.NextOfTypeAsync("answer", ct))["sdp"]!;
            await ours.SetRemoteAnswerAsync(answer, ct);
            await ours.WaitConnectedAsync(ct);
            var channel = await creating.WaitAsync(ct);
            var inbox = new MessageInbox(channel);
            await aiortc.NextOfTypeAsync("open", ct);
            return new Session { Aiortc = aiortc, Ours = ours, Channel = channel, Inbox = inbox };
        }
        catch
        {
            await ours.DisposeAsync();
            await aiortc.DisposeAsync();
            if (Environment.GetEnvironmentVariable("AIORTC_PEER_DEBUG") is not null) Console.Error.WriteLine(aiortc.StandardError);
            throw;
        }
    }

    /// <summary>aiortc offers (legacy SDP) and sends what we tell it; we answer.</summary>
    private static async Task<Session> TheyOfferAsync(CancellationToken ct)
    {
        var aiortc = AiortcPeer.Start("offer");
        var ours = new RtcPeerConnection(OurPair.Config(loopback: false, IsolatedNetwork.LanA));
        try
        {
            var remote = new TaskCompletionSource<(DataChannel, MessageInbox)>(TaskCreationOptions.RunContinuationsAsynchronously);
            ours.DataChannelOpened += ch => remote.TrySetResult((ch, new MessageInbox(ch)));
            var offer = (string)(await aiortc.NextOfTypeAsync("offer", ct))["sdp"]!;
            Assert.Contains("DTLS/SCTP 5000", offer);
            var answer = await ours.CreateAnswerAsync(offer, ct);
            Assert.Contains("DTLS/SCTP 5000", answer);   // answered in the offer's legacy form
            Assert.Contains("a=sctpmap:5000", answer);
            await aiortc.SendAsync(new { type = "answer", sdp = answer });
            await ours.WaitConnectedAsync(ct);
            var (channel, inbox) = await remote.Task.WaitAsync(ct);
            await aiortc.NextOfTypeAsync("open", ct);
            Assert.Equal("echo", channel.Label);
            return new Session { Aiortc = aiortc, Ours = ours, Channel = channel, Inbox = inbox };
        }
        catch
        {
            await ours.DisposeAsync();
            await aiortc.DisposeAsync();
            if (Environment.GetEnvironmentVariable("AIORTC_PEER_DEBUG") is not null) Console.Error.WriteLine(aiortc.StandardError);
            throw;
        }
    }

    [AiortcFact]
    public async Task We_offer_messages_flow_both_ways_including_60_KiB()
    {
        using var cts = Bounded.Timeout(60);
        await using var s = await WeOfferAsync(cts.Token);
        await s.Channel.SendAsync("hello aiortc", cts.Token);
        Assert.Equal("hello aiortc", (await s.Inbox.NextAsync(cts.Token)).Text);
        await s.Channel.SendAsync(new byte[] { 0, 255, 7 }, cts.Token);
        var binary = await s.Inbox.NextAsync(cts.Token);
        Assert.False(binary.IsText);
        Assert.Equal(new byte[] { 0, 255, 7 }, binary.Data);
        var big = Bounded.RandomBytes(Large, seed: 5);
        await s.Channel.SendAsync(big, cts.Token);
        Assert.Equal(big, (await s.Inbox.NextAsync(cts.Token)).Data);
    }

    [AiortcFact]
    public async Task They_offer_messages_flow_both_ways_including_60_KiB()
    {
        using var cts = Bounded.Timeout(60);
        await using var s = await TheyOfferAsync(cts.Token);
        await s.Aiortc.SendAsync(new { data = "from aiortc" });
        Assert.Equal("from aiortc", (await s.Inbox.NextAsync(cts.Token)).Text);
        var big = Bounded.RandomBytes(Large, seed: 6);
        await s.Aiortc.SendAsync(new { binary = Convert.ToBase64String(big) });
        var got = await s.Inbox.NextAsync(cts.Token);
        Assert.False(got.IsText);
        Assert.Equal(big, got.Data);

        await s.Channel.SendAsync("from us", cts.Token);
        Assert.Equal("from us", (string?)(await s.Aiortc.NextOfTypeAsync("message", cts.Token))["data"]);
        await s.Channel.SendAsync(big, cts.Token);
        Assert.Equal(Convert.ToBase64String(big), (string?)(await s.Aiortc.NextOfTypeAsync("message", cts.Token))["binary"]);
    }

    [AiortcFact]
    public async Task We_offer_ten_thousand_small_messages_come_back_in_order()
    {
        using var cts = Bounded.Timeout(90);
        await using var s = await WeOfferAsync(cts.Token);
        const int count = 10_000;
        for (var i = 0; i < count; i++) await s.Channel.SendAsync($"m{i}", cts.Token);
        var echoed = await s.Inbox.NextAsync(count, cts.Token);
        for (var i = 0; i < count; i++) Assert.Equal($"m{i}", echoed[i].Text);
    }

    [AiortcFact]
    public async Task They_offer_ten_thousand_small_messages_arrive_in_order_both_ways()
    {
        using var cts = Bounded.Timeout(90);
        await using var s = await TheyOfferAsync(cts.Token);
        const int count = 10_000;
        for (var i = 0; i < count; i++) await s.Aiortc.SendAsync(new { data = $"a{i}" });
        var got = await s.Inbox.NextAsync(count, cts.Token);
        for (var i = 0; i < count; i++) Assert.Equal($"a{i}", got[i].Text);

        for (var i = 0; i < count; i++) await s.Channel.SendAsync($"u{i}", cts.Token);
        for (var i = 0; i < count; i++) Assert.Equal($"u{i}", (string?)(await s.Aiortc.NextOfTypeAsync("message", cts.Token))["data"]);
    }

    [AiortcTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Aiortc_leaving_closes_our_side(bool weOffer)
    {
        using var cts = Bounded.Timeout(60);
        await using var s = weOffer ? await WeOfferAsync(cts.Token) : await TheyOfferAsync(cts.Token);
        var ended = new TaskCompletionSource<PeerConnectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Ours.ConnectionStateChanged += (_, to) => { if (to is PeerConnectionState.Closed or PeerConnectionState.Failed) ended.TrySetResult(to); };
        s.Aiortc.CloseInput(); // aiortc closes its channel and connection
        await s.Inbox.Closed.WaitAsync(cts.Token);
        Assert.Equal(0, await s.Aiortc.WaitForExitAsync(cts.Token));
        Assert.Equal(PeerConnectionState.Closed, await ended.Task.WaitAsync(cts.Token));
    }

    [AiortcTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Our_leaving_ends_aiortcs_session(bool weOffer)
    {
        using var cts = Bounded.Timeout(60);
        await using var s = weOffer ? await WeOfferAsync(cts.Token) : await TheyOfferAsync(cts.Token);
        await s.Channel.CloseAsync(cts.Token);
        await s.Ours.DisposeAsync();
        await s.Aiortc.NextOfTypeAsync("closed", cts.Token);
        Assert.Equal(0, await s.Aiortc.WaitForExitAsync(cts.Token));
    }

    [AiortcFact]
    public async Task A_peer_that_vanishes_is_reported_unreachable_after_the_consent_timeout()
    {
        using var cts = Bounded.Timeout(60);
        var config = new RtcConfiguration
        {
            AddressFilter = a => a.Equals(IsolatedNetwork.LanA),
            ConsentTimeout = TimeSpan.FromSeconds(3),
            Log = TestLog.FromEnvironment(),
        };
        await using var s = await WeOfferAsync(cts.Token, config);
        var states = new List<PeerConnectionState>();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Ours.ConnectionStateChanged += (_, to) =>
        {
            lock (states) states.Add(to);
            if (to == PeerConnectionState.Failed) failed.TrySetResult();
        };
        s.Aiortc.Kill();   // no close_notify, no SHUTDOWN: only consent freshness can tell
        await failed.Task.WaitAsync(cts.Token);
        Assert.False(s.Ours.ClosedByPeer);
        Assert.False(string.IsNullOrWhiteSpace(s.Ours.FailureReason));
        lock (states) Assert.Equal(PeerConnectionState.Failed, states[^1]);
    }
}
