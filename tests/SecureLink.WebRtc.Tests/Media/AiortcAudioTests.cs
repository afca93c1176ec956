using SecureLink.WebRtc.Media;
using SecureLink.WebRtc.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.WebRtc.Tests.Media;

/// <summary>
/// Audio against aiortc 1.4 (libsrtp, libopus through PyAV) in both roles: aiortc offers its
/// tone track first and the data channel second and we answer; we offer and aiortc answers
/// sendrecv. We decode aiortc's Opus to its 440 Hz tone; aiortc decodes ours and reports its
/// peak at 1 kHz.
/// </summary>
public sealed class AiortcAudioTests(ITestOutputHelper output)
{
    private const int AiortcHz = 440, OurHz = 1000;

    [AiortcFact]
    public async Task Aiortc_offers_audio_and_a_data_channel_and_we_answer() =>
        await RunAsync(weOffer: false);

    [AiortcFact]
    public async Task We_offer_audio_and_aiortc_answers_sendrecv() =>
        await RunAsync(weOffer: true);

    private async Task RunAsync(bool weOffer)
    {
        using var cts = Bounded.Timeout(80);
        var ct = cts.Token;
        await using var aiortc = AiortcPeer.Start(weOffer ? "answer" : "offer", "--audio-hz", $"{AiortcHz}");
        await using var ours = new RtcPeerConnection(OurPair.Config(loopback: false, IsolatedNetwork.LanA, audio: true));
        if (weOffer)
        {
            var creating = ours.CreateDataChannelAsync("echo", null, ct);
            await aiortc.SendAsync(new { type = "offer", sdp = await ours.CreateOfferAsync(ct) });
            var answer = (string)(await aiortc.NextOfTypeAsync("answer", ct))["sdp"]!;
            Assert.Matches("a=sendrecv", answer);
            await ours.SetRemoteAnswerAsync(answer, ct);
            await ours.WaitConnectedAsync(ct);
            await creating.WaitAsync(ct);
        }
        else
        {
            var offer = (string)(await aiortc.NextOfTypeAsync("offer", ct))["sdp"]!;
            Assert.Equal("audio", Sdp.SessionDescription.Parse(offer).Media[0].Kind);
            await aiortc.SendAsync(new { type = "answer", sdp = await ours.CreateAnswerAsync(offer, ct) });
            await ours.WaitConnectedAsync(ct);
        }
        var audio = ours.AudioChannel ?? throw new Xunit.Sdk.XunitException("no audio channel after connecting");

        var frames = OpusTone.Encode(OurHz, 400);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sending = Task.Run(async () =>
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < frames.Count; i++)
            {
                await audio.SendAsync(frames[i], (uint)(i * OpusTone.FrameSamples), marker: i == 0, stop.Token);
                var due = TimeSpan.FromMilliseconds(20 * (i + 1)) - System.Diagnostics.Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero) await Task.Delay(due, stop.Token);
            }
        }, stop.Token);

        var theirs = new List<ReceivedRtp>();
        while (theirs.Count < 150) theirs.Add(await audio.Received.ReadAsync(ct));
        var pcm = OpusTone.Decode(theirs.Select(p => p.Payload));
        var settled = pcm[(pcm.Length / 3)..];
        var share = OpusTone.RelativePower(settled, AiortcHz);
        Assert.True(share > 0.5, $"aiortc's {AiortcHz} Hz tone is {share:P0} of what we decoded");
        Assert.All(theirs, p => Assert.Equal(theirs[0].Ssrc, p.Ssrc));

        // aiortc's own decoder must hear our 1 kHz.
        while (true)
        {
            var line = await aiortc.NextOfTypeAsync("audio", ct);
            var peak = (double)line["peakHz"]!;
            var count = (int)line["frames"]!;
            if (count >= 100 && Math.Abs(peak - OurHz) < 10)
            {
                output.WriteLine($"aiortc decoded {count} frames of ours, peak {peak} Hz; we decoded {theirs.Count} of its packets, {AiortcHz} Hz holds {share:P0}");
                break;
            }
            if (sending.IsCompleted) throw new Xunit.Sdk.XunitException($"all sent, yet aiortc hears {peak} Hz after {count} frames");
        }
        var stats = await AudioStreamer.WaitStatisticsAsync(audio, s => s.RoundTripMs is not null, ct);
        output.WriteLine($"RTT {stats.RoundTripMs:F1} ms, dropped {stats.Dropped}, lost {stats.PacketsLost}");
        Assert.Equal(0, stats.Dropped);
        await stop.CancelAsync();
        try { await sending; } catch (OperationCanceledException) { }
    }
}
