using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Media;
using SecureLink.WebRtc.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.WebRtc.Tests.Media;

/// <summary>
/// Audio against Chromium's own RTCPeerConnection, both ways round: Chromium offers an
/// oscillator track first and a data channel second (its order when a track is added before
/// the channel) and we answer; we offer (data channel, then audio) and Chromium answers
/// sendrecv. Each way we receive Chromium's Opus (payload type, SSRC, and Concentus decodes it
/// to the tone it sent) and send our own Opus tone, which Chromium's getStats() counts and
/// decodes (a second of samples that are not concealment) and its analyser hears at the right pitch.
/// RTCP works both ways: we get an RTT, and so does Chromium.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumAudioTests(SharedChromium chromium, ITestOutputHelper output)
{
    private const int ChromiumHz = 440, OurHz = 1000;

    [ChromiumFact]
    public async Task Chromium_offers_audio_first_and_a_data_channel_and_we_answer()
    {
        using var cts = Bounded.Timeout(80);
        await using var page = await ChromiumAudioPage.OpenAsync(chromium);
        await using var ours = new RtcPeerConnection(OurPair.Config(loopback: false, IsolatedNetwork.LanA, audio: true));
        var opened = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        ours.DataChannelOpened += ch => opened.TrySetResult(ch);

        var offer = await page.OfferAsync(ChromiumHz);
        var parsed = Sdp.SessionDescription.Parse(offer);
        Assert.Equal("audio", parsed.Media[0].Kind);
        Assert.True(parsed.Media[1].IsDataChannel);
        var answer = await ours.CreateAnswerAsync(offer, cts.Token);
        var ourAnswer = Sdp.SessionDescription.Parse(answer);
        Assert.Equal("audio", ourAnswer.Media[0].Kind);
        Assert.Equal("sendrecv", ourAnswer.Media[0].Direction);
        await page.AcceptAsync(answer);
        await ours.WaitConnectedAsync(cts.Token);
        var channel = await opened.Task.WaitAsync(cts.Token);
        Assert.Equal("chat", channel.Label);

        var audio = ours.AudioChannel ?? throw new Xunit.Sdk.XunitException("no audio channel after connecting");
        var opus = parsed.Media[0].FindRtpMap("opus", 48000)!;
        Assert.Equal(opus.PayloadType, audio.PayloadType);
        await ExchangeAudioAsync(page, audio, parsed.Media[0].SsrcIds, output, cts.Token);
    }

    [ChromiumFact]
    public async Task We_offer_a_data_channel_and_audio_and_Chromium_answers_sendrecv()
    {
        using var cts = Bounded.Timeout(80);
        await using var page = await ChromiumAudioPage.OpenAsync(chromium);
        await using var ours = new RtcPeerConnection(OurPair.Config(loopback: false, IsolatedNetwork.LanA, audio: true));
        var creating = ours.CreateDataChannelAsync("chat", null, cts.Token);
        var offer = await ours.CreateOfferAsync(cts.Token);
        var answer = await page.AnswerAsync(offer, ChromiumHz);
        var parsed = Sdp.SessionDescription.Parse(answer);
        Assert.True(parsed.Media[0].IsDataChannel);
        Assert.Equal("audio", parsed.Media[1].Kind);
        Assert.Equal("sendrecv", parsed.Media[1].Direction);
        await ours.SetRemoteAnswerAsync(answer, cts.Token);
        await ours.WaitConnectedAsync(cts.Token);
        await creating.WaitAsync(cts.Token);
        await page.WaitAsync(page.ChannelOpenAsync, cts.Token);

        var audio = ours.AudioChannel ?? throw new Xunit.Sdk.XunitException("no audio channel after connecting");
        Assert.Equal(111, audio.PayloadType);
        await ExchangeAudioAsync(page, audio, parsed.Media[1].SsrcIds, output, cts.Token);
    }

    private static async Task ExchangeAudioAsync(ChromiumAudioPage page, IRtpAudioChannel audio, IReadOnlyList<uint> signalled, ITestOutputHelper output, CancellationToken ct)
    {
        // Ours out: 7 s of a 1 kHz tone in real time, while we collect what Chromium sends.
        var frames = OpusTone.Encode(OurHz, 350);
        var sending = Task.Run(async () =>
        {
            // Paced by the clock, not by summed delays: Task.Delay(20) overshoots, and a sender
            // slower than real time makes the receiver conceal the gaps.
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < frames.Count; i++)
            {
                await audio.SendAsync(frames[i], (uint)(i * OpusTone.FrameSamples), marker: i == 0, ct);
                var due = TimeSpan.FromMilliseconds(20 * (i + 1)) - System.Diagnostics.Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero) await Task.Delay(due, ct);
            }
        }, ct);

        var theirs = new List<ReceivedRtp>();
        while (theirs.Count < 150) theirs.Add(await audio.Received.ReadAsync(ct));
        Assert.All(theirs, p => Assert.Equal(theirs[0].Ssrc, p.Ssrc));
        Assert.Contains(theirs[0].Ssrc, signalled); // the SSRC Chromium announced in its SDP
        // Real Opus that decodes to the tone Chromium sent (skip the first second: the encoder ramps up).
        var pcm = OpusTone.Decode(theirs.Select(p => p.Payload));
        var settled = pcm[(pcm.Length / 3)..];
        Assert.True(OpusTone.RelativePower(settled, ChromiumHz) > 0.5,
            $"Chromium's {ChromiumHz} Hz tone is {OpusTone.RelativePower(settled, ChromiumHz):P0} of what we decoded");
        Assert.True(OpusTone.RelativePower(settled, OurHz) < 0.05);
        output.WriteLine($"ours: {theirs.Count} packets from SSRC {theirs[0].Ssrc}, {pcm.Length} samples decoded, {ChromiumHz} Hz holds {OpusTone.RelativePower(settled, ChromiumHz):P0} of the power");

        // Chromium must hear ours: counted, decoded (samples, not concealment) and at 1 kHz.
        // Concealment is judged from the first report that shows our packets, so the silence
        // Chromium played before our first packet arrived does not count.
        ChromiumAudioPage.Inbound? early = null;
        (double Hz, double Db) peak = default;
        while (true)
        {
            var s = await page.StatsAsync();
            peak = await page.PeakAsync();
            if (early is null && s.Inbound is { PacketsReceived: >= 25, TotalSamplesReceived: > 0 }) early = s.Inbound;
            // Wait for a second of real, unconcealed audio rather than judging the first second
            // of samples: on a loaded 2-core machine a starved sender or playout thread makes
            // Chromium conceal gaps (seen up to ~60 % for a while), which says nothing about our
            // packets. Frames Chromium could not decode would never add up to that second, and
            // the loop fails when all 7 s are sent.
            if (early is not null && s.Inbound is { PacketsReceived: >= 150 } inbound && Math.Abs(peak.Hz - OurHz) < 20
                && inbound.TotalSamplesReceived - inbound.ConcealedSamples - (early.TotalSamplesReceived - early.ConcealedSamples) >= 48000)
            {
                Assert.Equal(audio.LocalSsrc, inbound.Ssrc);
                Assert.Equal("audio/opus", inbound.Codec?.MimeType);
                Assert.Equal(audio.PayloadType, inbound.Codec?.PayloadType);
                Assert.Equal(0, inbound.PacketsLost);
                var decoded = inbound.TotalSamplesReceived - early.TotalSamplesReceived;
                var concealed = inbound.ConcealedSamples - early.ConcealedSamples;
                output.WriteLine($"Chromium: {inbound.PacketsReceived} packets of ours, {decoded} samples decoded and {concealed} concealed since packet {early.PacketsReceived}, peak {peak.Hz:F0} Hz at {peak.Db:F0} dB");
                break;
            }
            if (sending.IsCompleted) throw new Xunit.Sdk.XunitException(
                $"all sent, yet Chromium has {s.Inbound?.PacketsReceived ?? 0} packets, {s.Inbound?.TotalSamplesReceived ?? 0} samples (from {early?.TotalSamplesReceived}), {s.Inbound?.ConcealedSamples ?? 0} of them concealed, and hears {peak.Hz:F0} Hz at {peak.Db:F0} dB");
            await Task.Delay(100, ct);
        }

        // RTCP both ways: our RTT from Chromium's report blocks, Chromium's from ours.
        var stats = await AudioStreamer.WaitStatisticsAsync(audio, s => s.RoundTripMs is not null, ct);
        Assert.InRange(stats.RoundTripMs!.Value, 0, 200);
        Assert.Equal(0, stats.Dropped);
        Assert.Equal(0, stats.RemoteLossPercent);
        ChromiumAudioPage.Stats chromiumStats;
        while ((chromiumStats = await page.StatsAsync()).RemoteInbound?.RoundTripTime is null) await Task.Delay(100, ct);
        output.WriteLine($"RTT: ours {stats.RoundTripMs:F1} ms, Chromium's {chromiumStats.RemoteInbound!.RoundTripTime * 1000:F1} ms; our drops {stats.Dropped}, jitter {stats.JitterMs:F1} ms");
        await sending;
    }
}
