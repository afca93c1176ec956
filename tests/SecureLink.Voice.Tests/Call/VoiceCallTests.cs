using SecureLink.Voice.Call;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Tests.Call;

/// <summary>
/// Two VoiceCalls over a simulated network carrying WAV tones, in real time, with real threads and
/// WAV devices. On a shared two-core machine real time is not guaranteed, so these assert what must
/// hold even when starved (the tone arrives, counters move, mute and markers behave); the quality
/// figures are judged on a virtual clock in <see cref="CallPipelineTests"/>. Run alone, not beside
/// the CPU-heavy tests of this project.
/// </summary>
[Collection(RealTime.Name)]
public sealed class VoiceCallTests
{
    private static readonly Impairment Clean = new() { DelayMs = 10 };

    [Fact]
    public async Task Tones_cross_both_ways_through_loss_jitter_reordering_and_duplicates_with_FEC_repairing()
    {
        var lossy = new Impairment { LossPercent = 5, DuplicatePercent = 3, DelayMs = 20, JitterMs = 30 };
        await using var h = new CallHarness(lossy, lossy);
        h.Start();
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        var a = h.A.GetStatistics();
        var b = h.B.GetStatistics();
        var (aHeard, bHeard) = await h.StopAsync();

        Assert.Equal(1000, Signals.PeakFrequency(CallHarness.Slice(bHeard, 1.5, 2)));
        Assert.Equal(600, Signals.PeakFrequency(CallHarness.Slice(aHeard, 1.5, 2)));
        // Real time on a shared machine: starvation shows as underruns, so only the gist is
        // asserted here; CallPipelineTests judge quality on a virtual clock.
        var tonal = CallHarness.TonalWindows(CallHarness.Slice(bHeard, 1, 3), 1000);
        Assert.True(tonal > 0.15, $"B hears the tone: {tonal:P0} {b}");
        foreach (var s in new[] { a, b })
        {
            Assert.True(s.FecRecovered > 0, s.ToString());
            Assert.InRange(s.LossPercent, 1, 25);
            Assert.True(s.ResidualLossPercent < s.LossPercent, s.ToString());
            Assert.InRange(s.Mos, 3.0, 4.5);
            Assert.InRange(s.R, 60, 93.3);
            Assert.InRange(s.PacketsSent, 60, 240);
            Assert.True(s.PacketsReceived > 50, s.ToString());
            Assert.InRange(s.JitterMs, 1, 200);
            Assert.InRange(s.JitterBufferMs, 0, 200);
            Assert.NotNull(s.RttMs);
            Assert.NotNull(s.RemoteLossPercent); // the bitrate it drives is asserted on the virtual clock
            Assert.True(s.MicLevel > 0.5, s.ToString());
        }
        Assert.Empty(h.Failures);
    }

    [Fact]
    public async Task A_clean_network_keeps_the_top_bitrate_and_repairs_nothing()
    {
        await using var h = new CallHarness(Clean, Clean);
        h.Start();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var b = h.B.GetStatistics();
        var (_, bHeard) = await h.StopAsync();

        Assert.Equal(0, b.FecRecovered);
        Assert.True(b.Mos >= 4.0, b.ToString());
        Assert.Equal(32_000, b.BitrateBps);
        Assert.Null(b.RemoteLossPercent is > 0 ? b.RemoteLossPercent : null);
        Assert.Equal(1000, Signals.PeakFrequency(CallHarness.Slice(bHeard, 0.5, 1.5)));
    }

    [Fact]
    public async Task Mute_stops_audio_RTP_and_the_meter_and_unmute_resumes_with_a_marker()
    {
        await using var h = new CallHarness(Clean, Clean);
        h.Start();
        await Task.Delay(800);
        Assert.True(h.A.GetStatistics().MicLevel > 0.5);

        h.A.Muted = true;
        await Task.Delay(300);  // frames queued before the mute are dropped, not sent
        var sentWhenMuted = h.A.GetStatistics().PacketsSent;
        var receivedWhenMuted = h.B.GetStatistics().PacketsReceived;
        await Task.Delay(1000);
        var muted = h.A.GetStatistics();
        Assert.Equal(sentWhenMuted, muted.PacketsSent);
        Assert.Equal(receivedWhenMuted, h.B.GetStatistics().PacketsReceived);
        Assert.Equal(0, muted.MicLevel);
        Assert.True(h.B.GetStatistics().PacketsSent > 70, "the other side keeps talking");

        h.A.Muted = false;
        await Task.Delay(500);
        Assert.True(h.A.GetStatistics().PacketsSent > sentWhenMuted + 15);
        await h.StopAsync();

        var log = h.Link.A.SentLog();
        var gaps = log.Zip(log.Skip(1), (p, q) => (Delta: q.Timestamp - p.Timestamp, q.Marker)).ToList();
        // A starved machine may drop a frame or two elsewhere; the mute is the one long gap.
        var resume = gaps.MaxBy(g => g.Delta);
        Assert.True(resume.Marker);
        Assert.All(gaps, g => Assert.Equal(g.Delta != VoiceFormat.FrameSamples, g.Marker));
        Assert.True(resume.Delta >= 55u * VoiceFormat.FrameSamples, $"{resume.Delta}"); // >= 1.3 s of frames skipped
        Assert.True(log[0].Marker);
    }

    [Fact]
    public async Task Silence_goes_out_as_DTX_gaps_while_the_timestamp_runs_on()
    {
        await using var h = new CallHarness(Clean, Clean, captureA: dir =>
        {
            var path = Path.Combine(dir, "talkspurts.wav");
            CallHarness.WriteTone(path, 800, 0.5, silenceAfter: 1.0);
            return new SecureLink.Voice.Devices.WavFileCapture(path);
        });
        h.Start();
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        var a = h.A.GetStatistics();
        await h.StopAsync();

        var log = h.Link.A.SentLog();
        Assert.InRange(a.PacketsSent, 20, 130); // 160 frames captured, 2/3 of them silent
        var gaps = log.Zip(log.Skip(1), (p, q) => (Delta: q.Timestamp - p.Timestamp, q.Marker)).ToList();
        Assert.All(gaps, g => Assert.Equal(0u, g.Delta % VoiceFormat.FrameSamples));
        Assert.All(gaps, g => Assert.Equal(g.Delta > VoiceFormat.FrameSamples, g.Marker));
        Assert.Contains(gaps, g => g.Delta >= 10 * VoiceFormat.FrameSamples);
    }
}

/// <summary>Real-time tests run by themselves, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTime
{
    public const string Name = "real-time audio";
}
