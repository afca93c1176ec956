using SecureLink.WebRtc.Media;
using SecureLink.WebRtc.Srtp;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.Media;

/// <summary>
/// Audio between two of our peer connections over real UDP in the test namespace: the offer's
/// shape, payloads and timestamps end to end, RTCP round trips, the bounded receive queue, and
/// BYE and key teardown on dispose.
/// </summary>
public sealed class AudioOursToOursTests
{
    [IsolatedFact]
    public async Task The_offer_carries_a_data_channel_then_a_sendrecv_Opus_line_and_the_answer_accepts_it()
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token);
        var offer = Sdp.SessionDescription.Parse(pair.Offer);
        Assert.Equal(new string?[] { "0", "1" }, offer.Media.Select(m => m.Mid).ToList());
        Assert.Equal("application", offer.Media[0].Kind);
        var audio = offer.Media[1];
        Assert.Equal("audio", audio.Kind);
        Assert.Equal("sendrecv", audio.Direction);
        Assert.True(audio.RtcpMux);
        Assert.Equal(new[] { "0", "1" }, offer.BundleMids);
        Assert.Contains(pair.Offerer.AudioChannel!.LocalSsrc, audio.SsrcIds);
        Assert.Contains("a=rtpmap:111 opus/48000/2", pair.Offer);

        var answer = Sdp.SessionDescription.Parse(pair.Answer);
        Assert.Equal("sendrecv", answer.Media[1].Direction);
        Assert.NotEqual(0, answer.Media[1].Port);
        Assert.Contains(pair.Answerer.AudioChannel!.LocalSsrc, answer.Media[1].SsrcIds);

        var ours = Assert.IsType<SrtpAudioChannel>(pair.Offerer.AudioChannel);
        Assert.Equal(SrtpProfile.AeadAes128Gcm, ours.Profile); // GCM is preferred when both offer it
        Assert.Equal(111, ours.PayloadType);
        Assert.NotEqual(pair.Offerer.AudioChannel.LocalSsrc, pair.Answerer.AudioChannel.LocalSsrc);
    }

    [IsolatedTheory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Without_audio_on_both_sides_there_is_no_channel_and_data_still_flows(bool offererAudio, bool answererAudio)
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio, answererAudio, cts.Token);
        Assert.Null(pair.Offerer.AudioChannel);
        Assert.Null(pair.Answerer.AudioChannel);
        Assert.False(pair.Offerer.AudioNegotiated);
        if (offererAudio) Assert.Matches("m=audio 0 ", pair.Answer); // rejected, mid kept
        await pair.OffererChannel.SendAsync("still here", cts.Token);
        Assert.Equal("still here", (await pair.AnswererInbox.NextAsync(cts.Token)).Text);
    }

    [IsolatedFact]
    public async Task Payloads_arrive_in_order_with_their_timestamps_both_ways()
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token);
        var a = pair.Offerer.AudioChannel!;
        var b = pair.Answerer.AudioChannel!;
        const int count = 50;
        const uint baseA = 0xFFFF_0000; // wraps the 32-bit timestamp on the way
        await Task.WhenAll(
            AudioStreamer.SendAsync(a, 0, count, baseA, cts.Token, pacingMs: 5),
            AudioStreamer.SendAsync(b, 0, count, 1000, cts.Token, pacingMs: 5));
        var atB = await AudioStreamer.ReceiveAsync(b, count, cts.Token);
        var atA = await AudioStreamer.ReceiveAsync(a, count, cts.Token);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(AudioStreamer.Payload(i), atB[i].Payload);
            Assert.Equal(unchecked(baseA + (uint)i * AudioStreamer.FrameTicks), atB[i].Timestamp);
            Assert.Equal(a.LocalSsrc, atB[i].Ssrc);
            Assert.Equal(i == 0, atB[i].Marker);
            Assert.Equal(unchecked((ushort)(atB[0].SequenceNumber + i)), atB[i].SequenceNumber);
            Assert.Equal(AudioStreamer.Payload(i), atA[i].Payload);
            Assert.Equal(1000 + (uint)i * AudioStreamer.FrameTicks, atA[i].Timestamp);
            Assert.Equal(b.LocalSsrc, atA[i].Ssrc);
        }
        var stats = b.GetStatistics();
        Assert.Equal(count, stats.PacketsReceived);
        Assert.Equal(count, stats.PacketsSent);
        Assert.Equal(0, stats.Dropped);
        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(a.LocalSsrc, stats.RemoteSsrc);
    }

    [IsolatedFact]
    public async Task RTCP_gives_both_sides_a_round_trip_time_and_loss_within_a_few_seconds()
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token);
        var a = pair.Offerer.AudioChannel!;
        var b = pair.Answerer.AudioChannel!;
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var sending = Task.WhenAll(
            AudioStreamer.SendAsync(a, 0, 1000, 0, streaming.Token),
            AudioStreamer.SendAsync(b, 0, 1000, 0, streaming.Token));
        var started = DateTime.UtcNow;
        var sa = await AudioStreamer.WaitStatisticsAsync(a, s => s.RoundTripMs is not null && s.RemoteLossPercent is not null, cts.Token);
        var sb = await AudioStreamer.WaitStatisticsAsync(b, s => s.RoundTripMs is not null && s.RemoteLossPercent is not null, cts.Token);
        var took = DateTime.UtcNow - started;
        await streaming.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.True(took < TimeSpan.FromSeconds(6), $"RTT took {took.TotalSeconds:F1} s to appear");
        // Same machine: well under 100 ms each, and no loss either way.
        Assert.InRange(sa.RoundTripMs!.Value, 0, 100);
        Assert.InRange(sb.RoundTripMs!.Value, 0, 100);
        Assert.Equal(0, sa.RemoteLossPercent);
        Assert.Equal(0, sb.RemoteLossPercent);
        Assert.Equal(0, sa.LocalLossPercent);
        Assert.InRange(sb.JitterMs, 0, 50);
        Assert.True(((SrtpAudioChannel)a).RtcpReportsSent >= 1);
    }

    [IsolatedFact]
    public async Task Received_is_bounded_and_keeps_the_newest_when_nobody_reads()
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token);
        var a = pair.Offerer.AudioChannel!;
        var b = pair.Answerer.AudioChannel!;
        const int count = 400;
        // Paced lightly so no socket or demux queue overflows: only the channel's own bound is tested.
        for (var i = 0; i < count; i += 20)
        {
            await AudioStreamer.SendAsync(a, i, 20, 0, cts.Token, pacingMs: 0);
            await Task.Delay(5, cts.Token);
        }
        var stats = await AudioStreamer.WaitStatisticsAsync(b, s => s.PacketsReceived == count, cts.Token);
        Assert.Equal(count - AudioStreamSettings.ReceiveQueueCapacity, stats.ReceiveQueueOverflows);
        var kept = new List<ReceivedRtp>();
        while (b.Received.TryRead(out var p)) kept.Add(p);
        Assert.Equal(AudioStreamSettings.ReceiveQueueCapacity, kept.Count);
        Assert.Equal(count - 1, AudioStreamer.Number(kept[^1].Payload));
        Assert.Equal(count - AudioStreamSettings.ReceiveQueueCapacity, AudioStreamer.Number(kept[0].Payload));
    }

    [IsolatedFact]
    public async Task Dispose_sends_BYE_and_then_refuses_to_send()
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token);
        var a = (SrtpAudioChannel)pair.Offerer.AudioChannel!;
        var b = (SrtpAudioChannel)pair.Answerer.AudioChannel!;
        await AudioStreamer.SendAsync(a, 0, 5, 0, cts.Token);
        await AudioStreamer.ReceiveAsync(b, 5, cts.Token);
        Assert.False(b.PeerSentBye);
        await a.DisposeAsync();
        while (!b.PeerSentBye) await Task.Delay(20, cts.Token);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => a.SendAsync(new byte[] { 1 }, 0, false, cts.Token).AsTask());
        await a.DisposeAsync(); // twice is fine
    }
}
