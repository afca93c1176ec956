namespace SecureLink.Calls.Measurement;

/// <summary>
/// Objective quality of a degraded recording against its original, after aligning them by
/// cross-correlation and matching the gain (least squares), so a volume change or a delay does
/// not count as distortion.
/// </summary>
/// <param name="Delay">Where the recording matched.</param>
/// <param name="Gain">The factor the recording was scaled by before comparing.</param>
/// <param name="SegmentalSnrDb">Mean per-20 ms-frame waveform SNR, each clamped to -10..35 dB, over frames with speech.</param>
/// <param name="LogSpectralDistanceDb">Mean per-frame RMS difference of the log power spectra (50 Hz..8 kHz), lower is better.</param>
/// <param name="Frames">Frames with speech that were compared.</param>
public sealed record SpeechQuality(DelayEstimate Delay, double Gain, double SegmentalSnrDb, double LogSpectralDistanceDb, int Frames)
{
    public const double MinFrameSnrDb = -10, MaxFrameSnrDb = 35;
    private const double SilenceBelowPeakDb = 40;

    public override string ToString() =>
        FormattableString.Invariant($"delay {Delay.DelayMs:F1} ms (r {Delay.Correlation:F2}), segSNR {SegmentalSnrDb:F1} dB, LSD {LogSpectralDistanceDb:F1} dB, gain {Gain:F2}, {Frames} frames");

    public static SpeechQuality Measure(ReadOnlySpan<short> original, ReadOnlySpan<short> recording, int sampleRate, int maxLagMs = 2000) =>
        Measure(Pcm.ToDouble(original), Pcm.ToDouble(recording), sampleRate, maxLagMs);

    public static SpeechQuality Measure(double[] original, double[] recording, int sampleRate, int maxLagMs = 2000)
    {
        var delay = DelayEstimate.Find(original, recording, sampleRate * maxLagMs / 1000, sampleRate);
        var from = Math.Max(0, -delay.LagSamples);
        var n = Math.Min(original.Length, recording.Length - delay.LagSamples) - from;
        if (n <= 0) return new SpeechQuality(delay, 0, MinFrameSnrDb, double.PositiveInfinity, 0);
        var x = original.AsSpan(from, n);
        var y = recording.AsSpan(from + delay.LagSamples, n);
        var gain = LeastSquaresGain(x, y);
        var aligned = new double[n];
        for (var i = 0; i < n; i++) aligned[i] = y[i] * gain;

        var frame = sampleRate / 50;
        var active = ActiveFrames(x, frame);
        if (active.Count == 0) return new SpeechQuality(delay, gain, MinFrameSnrDb, double.PositiveInfinity, 0);
        double snr = 0, lsd = 0;
        var fftSize = Fft.NextPowerOfTwo(frame);
        var lowBin = (int)Math.Ceiling(50.0 * fftSize / sampleRate);
        var highBin = Math.Min(fftSize / 2, (int)(8000.0 * fftSize / sampleRate));
        foreach (var start in active)
        {
            var xs = x.Slice(start, frame);
            var ys = aligned.AsSpan(start, frame);
            snr += FrameSnr(xs, ys);
            lsd += FrameLsd(Fft.PowerSpectrum(xs, fftSize), Fft.PowerSpectrum(ys, fftSize), lowBin, highBin);
        }
        return new SpeechQuality(delay, gain, snr / active.Count, lsd / active.Count, active.Count);
    }

    private static double LeastSquaresGain(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double xy = 0, yy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            xy += x[i] * y[i];
            yy += y[i] * y[i];
        }
        return yy > 0 ? xy / yy : 0;
    }

    // Frames of the ORIGINAL within 40 dB of its loudest frame: pauses would otherwise dominate the mean.
    private static List<int> ActiveFrames(ReadOnlySpan<double> x, int frame)
    {
        var energies = new List<(int Start, double Energy)>();
        for (var start = 0; start + frame <= x.Length; start += frame)
        {
            double e = 0;
            foreach (var v in x.Slice(start, frame)) e += v * v;
            energies.Add((start, e));
        }
        if (energies.Count == 0) return [];
        var threshold = energies.Max(f => f.Energy) * Math.Pow(10, -SilenceBelowPeakDb / 10);
        return energies.Where(f => f.Energy > threshold && f.Energy > 0).Select(f => f.Start).ToList();
    }

    private static double FrameSnr(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double signal = 0, noise = 0;
        for (var i = 0; i < x.Length; i++)
        {
            signal += x[i] * x[i];
            var e = x[i] - y[i];
            noise += e * e;
        }
        var db = noise <= 0 ? MaxFrameSnrDb : 10 * Math.Log10(signal / noise);
        return Math.Clamp(db, MinFrameSnrDb, MaxFrameSnrDb);
    }

    private static double FrameLsd(double[] px, double[] py, int low, int high)
    {
        // A floor 60 dB under the original frame's strongest bin: empty bins are "silence", not -inf.
        var floor = Math.Max(px.Max() * 1e-6, 1e-12);
        double sum = 0;
        for (var k = low; k <= high; k++)
        {
            var d = 10 * Math.Log10(Math.Max(px[k], floor) / Math.Max(py[k], floor));
            sum += d * d;
        }
        return Math.Sqrt(sum / (high - low + 1));
    }
}
