using System.Diagnostics;
using SecureLink.Calls.Measurement;
using Xunit.Abstractions;

namespace SecureLink.Calls.Tests.Audio;

/// <summary>
/// The measurement chain without a call: espeak-ng speech played into a private daemon's null
/// sink by pacat and recorded from its monitor. What comes back must be the same speech, so any
/// degradation a call test reports belongs to the call, not to the bench.
/// </summary>
public sealed class PulseAudioLoopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Speech_played_into_a_null_sink_comes_back_from_its_monitor_intact()
    {
        using var folder = new TempFolder("sl-speech-");
        var wav = folder.File("speech.wav");
        var speech = SpeechSamples.Make(wav, "Testing one two three, the measurement bench.");
        Assert.True(speech.Length > 48000, $"espeak-ng made only {speech.Length} samples");
        Assert.True(Pcm.Peak(speech) > 10000, "espeak-ng made silence");

        using var pulse = PulseAudioDaemon.Start("sl_a", "sl_b");
        Assert.Contains("sl_a.monitor", pulse.Pactl("list", "short", "sources"), StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();
        using var recorder = new MonitorRecorder(pulse.Server, "sl_a.monitor", clock);
        using var other = new MonitorRecorder(pulse.Server, "sl_b.monitor", clock);
        recorder.Start();
        other.Start();
        await pulse.PlayFileAsync("sl_a", wav, CancellationToken.None);
        await Task.Delay(300);
        var recorded = recorder.Stop();
        var silent = other.Stop();

        var q = SpeechQuality.Measure(speech, recorded, 48000);
        output.WriteLine($"pacat -> null sink -> monitor: {q}");
        Assert.True(q.Delay.Correlation > 0.95, q.ToString());
        Assert.True(q.SegmentalSnrDb > 25, q.ToString());
        Assert.True(q.LogSpectralDistanceDb < 2, q.ToString());
        Assert.InRange(q.Gain, 0.9, 1.1);
        Assert.True(Pcm.Peak(silent) < 50, $"the other sink heard {Pcm.Peak(silent)}: the sinks are not separate");
    }
}
