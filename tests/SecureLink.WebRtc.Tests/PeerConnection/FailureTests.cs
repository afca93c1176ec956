using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.PeerConnection;

/// <summary>How the connection fails, closes and reports: readable reasons, one state sequence, nothing left hanging.</summary>
public sealed partial class FailureTests
{
    [GeneratedRegex(@"a=fingerprint:sha-256 ([0-9A-F])")]
    private static partial Regex FingerprintStart();

    [GeneratedRegex(@"(a=candidate:\S+ 1 udp \d+ \S+ )(\d+)( typ host)")]
    private static partial Regex CandidatePort();

    private static RtcConfiguration Lan(IPAddress address, TimeSpan? connectTimeout = null) => new()
    {
        AddressFilter = a => a.Equals(address),
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(30),
        Log = TestLog.FromEnvironment(),
    };

    [IsolatedFact]
    public async Task A_swapped_fingerprint_fails_closed_with_a_reason_that_says_so()
    {
        using var cts = Bounded.Timeout();
        await using var offerer = new RtcPeerConnection(Lan(IsolatedNetwork.LanA));
        await using var answerer = new RtcPeerConnection(Lan(IsolatedNetwork.LanB));
        var offer = await offerer.CreateOfferAsync(cts.Token);
        var answer = await answerer.CreateAnswerAsync(offer, cts.Token);
        // What a man in the middle who rewrote the answer would cause.
        var forged = FingerprintStart().Replace(answer, m => $"a=fingerprint:sha-256 {(m.Groups[1].Value == "0" ? "1" : "0")}", 1);
        Assert.NotEqual(answer, forged);
        await offerer.SetRemoteAnswerAsync(forged, cts.Token);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => offerer.WaitConnectedAsync(cts.Token));
        Assert.Equal(PeerConnectionState.Failed, offerer.ConnectionState);
        Assert.Contains("fingerprint", offerer.FailureReason);
        Assert.Equal(offerer.FailureReason, error.Message);
        // The honest side must not end up connected to nobody.
        await Assert.ThrowsAnyAsync<Exception>(() => answerer.WaitConnectedAsync(cts.Token));
        Assert.NotEqual(PeerConnectionState.Connected, answerer.ConnectionState);
    }

    [IsolatedFact]
    public async Task When_no_path_works_ICE_fails_within_the_timeout_with_a_readable_reason()
    {
        using var cts = Bounded.Timeout();
        // Ports that are bound (so nothing answers with ICMP) but never reply.
        using var sinkA = new UdpClient(new IPEndPoint(IsolatedNetwork.LanA, 0));
        using var sinkB = new UdpClient(new IPEndPoint(IsolatedNetwork.LanB, 0));
        await using var offerer = new RtcPeerConnection(Lan(IsolatedNetwork.LanA, TimeSpan.FromSeconds(3)));
        await using var answerer = new RtcPeerConnection(Lan(IsolatedNetwork.LanB, TimeSpan.FromSeconds(3)));
        var offer = await offerer.CreateOfferAsync(cts.Token);
        var deadOffer = CandidatePort().Replace(offer, m => m.Groups[1].Value + ((IPEndPoint)sinkA.Client.LocalEndPoint!).Port + m.Groups[3].Value);
        var answer = await answerer.CreateAnswerAsync(deadOffer, cts.Token);
        var deadAnswer = CandidatePort().Replace(answer, m => m.Groups[1].Value + ((IPEndPoint)sinkB.Client.LocalEndPoint!).Port + m.Groups[3].Value);
        Assert.NotEqual(answer, deadAnswer);
        var states = new List<PeerConnectionState>();
        offerer.ConnectionStateChanged += (_, to) => { lock (states) states.Add(to); };
        await offerer.SetRemoteAnswerAsync(deadAnswer, cts.Token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => offerer.WaitConnectedAsync(cts.Token));
        Assert.Equal(PeerConnectionState.Failed, offerer.ConnectionState);
        Assert.False(string.IsNullOrWhiteSpace(offerer.FailureReason));
        lock (states) Assert.Equal([PeerConnectionState.Connecting, PeerConnectionState.Failed], states);
        await Assert.ThrowsAsync<InvalidOperationException>(() => answerer.WaitConnectedAsync(cts.Token));
    }

    [IsolatedFact]
    public async Task Unusable_descriptions_are_refused_with_a_clear_FormatException()
    {
        using var cts = Bounded.Timeout();
        await using (var answerer = new RtcPeerConnection(Lan(IsolatedNetwork.LanB)))
        {
            var e = await Assert.ThrowsAnyAsync<FormatException>(() => answerer.CreateAnswerAsync("this is not sdp", cts.Token));
            Assert.Contains("SDP", e.Message);
            Assert.Equal(PeerConnectionState.New, answerer.ConnectionState);
        }
        await using var offerer = new RtcPeerConnection(Lan(IsolatedNetwork.LanA));
        await using var other = new RtcPeerConnection(Lan(IsolatedNetwork.LanB));
        var offer = await offerer.CreateOfferAsync(cts.Token);
        var answer = await other.CreateAnswerAsync(offer, cts.Token);
        var noFingerprint = string.Join("\r\n", answer.Split("\r\n").Where(l => !l.StartsWith("a=fingerprint:", StringComparison.Ordinal)));
        var error = await Assert.ThrowsAnyAsync<FormatException>(() => offerer.SetRemoteAnswerAsync(noFingerprint, cts.Token));
        Assert.Contains("fingerprint", error.Message);
    }

    [IsolatedFact]
    public async Task A_session_goes_New_Connecting_Connected_Closed_once_each()
    {
        using var cts = Bounded.Timeout();
        await using var offerer = new RtcPeerConnection(Lan(IsolatedNetwork.LanA));
        await using var answerer = new RtcPeerConnection(Lan(IsolatedNetwork.LanB));
        var seen = new List<(PeerConnectionState, PeerConnectionState)>();
        offerer.ConnectionStateChanged += (from, to) => { lock (seen) seen.Add((from, to)); };
        Assert.Equal(PeerConnectionState.New, offerer.ConnectionState);
        var offer = await offerer.CreateOfferAsync(cts.Token);
        await offerer.SetRemoteAnswerAsync(await answerer.CreateAnswerAsync(offer, cts.Token), cts.Token);
        await offerer.WaitConnectedAsync(cts.Token);
        await offerer.DisposeAsync();
        await offerer.DisposeAsync(); // twice is harmless
        lock (seen)
        {
            Assert.Equal(
                [(PeerConnectionState.New, PeerConnectionState.Connecting),
                 (PeerConnectionState.Connecting, PeerConnectionState.Connected),
                 (PeerConnectionState.Connected, PeerConnectionState.Closed)],
                seen);
        }
    }

    [IsolatedFact]
    public async Task Disposing_before_connecting_ends_waiters_and_frees_sockets()
    {
        using var cts = Bounded.Timeout();
        var pc = new RtcPeerConnection(Lan(IsolatedNetwork.LanA));
        var channel = pc.CreateDataChannelAsync("early", null, cts.Token);
        var syncChannel = pc.CreateDataChannel("early too");
        var offer = await pc.CreateOfferAsync(cts.Token);
        var port = int.Parse(CandidatePort().Match(offer).Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        await pc.DisposeAsync();
        Assert.Equal(PeerConnectionState.Closed, pc.ConnectionState);
        await Assert.ThrowsAnyAsync<Exception>(() => channel.WaitAsync(cts.Token));
        await Assert.ThrowsAnyAsync<Exception>(() => pc.WaitConnectedAsync(cts.Token));
        Assert.NotEqual(SecureLink.WebRtc.DataChannels.DataChannelState.Open, syncChannel.State);
        Assert.Throws<ObjectDisposedException>(() => pc.CreateDataChannel("after"));
        using var rebind = new UdpClient(new IPEndPoint(IsolatedNetwork.LanA, port));
    }

    [Fact(Timeout = 10_000)]
    public async Task Calls_out_of_order_are_refused()
    {
        await using var pc = new RtcPeerConnection(new RtcConfiguration { AddressFilter = _ => false });
        await Assert.ThrowsAsync<InvalidOperationException>(() => pc.SetRemoteAnswerAsync("v=0", CancellationToken.None));
        // A channel asked for early waits, Connecting, for the session.
        Assert.Equal(SecureLink.WebRtc.DataChannels.DataChannelState.Connecting, pc.CreateDataChannel("early").State);
    }
}
