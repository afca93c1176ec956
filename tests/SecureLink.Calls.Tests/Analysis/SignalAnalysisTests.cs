using SecureLink.Calls.Measurement;

namespace SecureLink.Calls.Tests.Analysis;

/// <summary>The yardsticks themselves, on signals whose answer is known.</summary>
public sealed class SignalAnalysisTests
{
    private const int Rate = 48000;

    private static double[] Noise(int n, int seed, double amplitude = 0.3)
    {
        var r = new Random(seed);
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = amplitude * (r.NextDouble() * 2 - 1);
        return x;
    }

    /// <summary>Speech-like: harmonics of a gliding pitch under a syllable envelope, with pauses.</summary>
    private static double[] Voiced(int n)
    {
        var x = new double[n];
        double phase = 0;
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / Rate;
            phase += 2 * Math.PI * (130 + 50 * Math.Sin(2 * Math.PI * 2.5 * t)) / Rate;
            var syllable = Math.Max(0, Math.Sin(2 * Math.PI * 3 * t));
            double v = 0;
            for (var h = 1; h <= 10; h++) v += Math.Sin(h * phase) / h;
            x[i] = 0.2 * syllable * v;
        }
        return x;
    }

    private static double[] Delayed(double[] x, int lag, double gain = 1, double[]? noise = null)
    {
        var y = new double[x.Length + lag];
        for (var i = 0; i < x.Length; i++) y[i + lag] = gain * x[i] + (noise?[i] ?? 0);
        return y;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2400)]      // 50 ms
    [InlineData(7777)]
    public void A_known_delay_is_found_to_the_sample(int lag)
    {
        var x = Voiced(Rate * 2);
        var d = DelayEstimate.Find(x, Delayed(x, lag, gain: 0.5), Rate / 2, Rate);
        Assert.Equal(lag, d.LagSamples);
        Assert.True(d.Correlation > 0.99, $"r = {d.Correlation}");
    }

    [Fact]
    public void A_recording_that_started_late_has_a_negative_delay()
    {
        var x = Voiced(Rate * 2);
        var d = DelayEstimate.Find(x, x.AsSpan(1234).ToArray(), Rate / 2, Rate);
        Assert.Equal(-1234, d.LagSamples);
        var q = SpeechQuality.Measure(x, x.AsSpan(1234).ToArray(), Rate);
        Assert.True(q.SegmentalSnrDb >= SpeechQuality.MaxFrameSnrDb - 0.01, q.ToString());
    }

    [Fact]
    public void Delay_survives_noise_and_is_reported_in_milliseconds()
    {
        var x = Voiced(Rate * 2);
        var d = DelayEstimate.Find(x, Delayed(x, 4800, noise: Noise(x.Length, 3, 0.05)), Rate, Rate);
        Assert.Equal(4800, d.LagSamples);
        Assert.Equal(100.0, d.DelayMs, 3);
    }

    [Fact]
    public void Unrelated_noise_correlates_weakly()
    {
        var d = DelayEstimate.Find(Voiced(Rate), Noise(Rate * 2, 5), Rate / 2, Rate);
        Assert.True(d.Correlation < 0.1, $"r = {d.Correlation}");
    }

    [Fact]
    public void An_identical_signal_scores_perfectly()
    {
        var x = Voiced(Rate * 2);
        var q = SpeechQuality.Measure(x, Delayed(x, 960, gain: 0.25), Rate);
        Assert.Equal(960, q.Delay.LagSamples);
        Assert.Equal(4.0, q.Gain, 3);
        Assert.True(q.SegmentalSnrDb >= SpeechQuality.MaxFrameSnrDb - 0.01, q.ToString());
        Assert.True(q.LogSpectralDistanceDb < 0.01, q.ToString());
        Assert.True(q.Frames > 50, q.ToString());
    }

    [Fact]
    public void A_delay_that_grows_by_a_frame_midway_is_not_scored_as_distortion()
    {
        // What a jitter buffer does when playout runs dry once: 20 ms more delay from then on.
        var x = Voiced(Rate * 4);
        var y = new double[x.Length + 4800];
        for (var i = 0; i < x.Length; i++) y[i + (i < x.Length / 2 ? 2400 : 3360)] = 0.5 * x[i];
        var q = SpeechQuality.Measure(x, y, Rate);
        Assert.True(q.LogSpectralDistanceDb < 1, q.ToString());
        Assert.True(q.SegmentalSnrDb > 25, q.ToString());
    }

    [Fact]
    public void Silenced_frames_still_score_badly_with_per_block_alignment()
    {
        // The per-block search must not find a lag that hides a gap: 20 % of frames silenced.
        var x = Voiced(Rate * 4);
        var y = Delayed(x, 2400);
        for (var f = 0; f < x.Length / 960; f += 5) Array.Clear(y, 2400 + f * 960, 960);
        var clean = SpeechQuality.Measure(x, Delayed(x, 2400), Rate);
        var holes = SpeechQuality.Measure(x, y, Rate);
        Assert.True(holes.LogSpectralDistanceDb > clean.LogSpectralDistanceDb + 3, $"{holes} vs {clean}");
        Assert.True(holes.SegmentalSnrDb < clean.SegmentalSnrDb - 5, $"{holes} vs {clean}");
    }

    [Fact]
    public void Noise_scores_badly()
    {
        var x = Voiced(Rate * 2);
        var q = SpeechQuality.Measure(x, Noise(x.Length, 9), Rate);
        Assert.True(q.SegmentalSnrDb < 1, q.ToString());
        Assert.True(q.LogSpectralDistanceDb > 10, q.ToString());
    }

    [Fact]
    public void More_added_noise_means_a_worse_score()
    {
        var x = Voiced(Rate * 2);
        var mild = SpeechQuality.Measure(x, Delayed(x, 100, noise: Noise(x.Length, 1, 0.005)), Rate);
        var strong = SpeechQuality.Measure(x, Delayed(x, 100, noise: Noise(x.Length, 1, 0.05)), Rate);
        Assert.True(mild.SegmentalSnrDb > strong.SegmentalSnrDb + 10, $"{mild} vs {strong}");
        Assert.True(mild.LogSpectralDistanceDb < strong.LogSpectralDistanceDb, $"{mild} vs {strong}");
    }

    [Fact]
    public void Dropped_frames_lower_the_score()
    {
        var x = Voiced(Rate * 2);
        var holes = Delayed(x, 0);
        for (var f = 0; f < holes.Length / 960; f += 10) Array.Clear(holes, f * 960, 960); // every 10th 20 ms frame silenced
        var q = SpeechQuality.Measure(x, holes, Rate);
        Assert.InRange(q.SegmentalSnrDb, 20, 33);  // 90 % perfect frames at 35, 10 % at -0 dB (clamped low)
        Assert.True(q.LogSpectralDistanceDb > 1, q.ToString());
    }

    [Fact]
    public void Fft_round_trips()
    {
        var data = Noise(1024, 2).Select(v => new System.Numerics.Complex(v, 0)).ToArray();
        var copy = data.ToArray();
        Fft.Transform(data);
        Fft.Transform(data, inverse: true);
        for (var i = 0; i < data.Length; i++) Assert.Equal(copy[i].Real, data[i].Real / data.Length, 9);
    }
}
