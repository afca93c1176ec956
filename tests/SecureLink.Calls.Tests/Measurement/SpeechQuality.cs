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

    /// <summary>
    /// Normalised correlation of the speech frames, each block at its own lag: "is this the same
    /// speech", without penalising a delay that moved during the call (<see cref="Delay"/>'s
    /// correlation is the single best lag over the whole recording).
    /// </summary>
    public double AlignedCorrelation { get; init; }
    private const double SilenceBelowPeakDb = 40;

    public override string ToString() =>
        FormattableString.Invariant($"delay {Delay.DelayMs:F1} ms (r {Delay.Correlation:F2}, per block {AlignedCorrelation:F2}), segSNR {SegmentalSnrDb:F1} dB, LSD {LogSpectralDistanceDb:F1} dB, gain {Gain:F2}, {Frames} frames");

    public static SpeechQuality Measure(ReadOnlySpan<short> original, ReadOnlySpan<short> recording, int sampleRate, int maxLagMs = 2000) =>
        Measure(Pcm.ToDouble(original), Pcm.ToDouble(recording), sampleRate, maxLagMs);

    /// <summary>
    /// Aligns globally by cross-correlation (that lag is <see cref="Delay"/>: the delay a listener
    /// waits), then block by block (<see cref="BlockMs"/>) within ±<see cref="DriftMs"/> of it, and
    /// compares each block at its own lag. Why per block: a call's delay legitimately moves while
    /// it runs (the jitter buffer grows by a frame when playout runs dry, and starts each talkspurt
    /// afresh after a DTX pause), and one global lag would then score every later frame as noise,
    /// so one late packet would look like a broken call. A gap, a concealed frame or noise still
    /// scores badly in its own frames, since the block's lag cannot repair what is missing.
    /// </summary>
    public static SpeechQuality Measure(double[] original, double[] recording, int sampleRate, int maxLagMs = 2000)
    {
        var delay = DelayEstimate.Find(original, recording, sampleRate * maxLagMs / 1000, sampleRate);
        var lags = BlockLags(original, recording, delay.LagSamples, sampleRate);
        var frame = sampleRate / 50;
        var block = sampleRate * BlockMs / 1000;
        // The frames of the original that the recording covers at their block's lag.
        var starts = new List<int>();
        foreach (var start in ActiveFrames(original, frame))
        {
            var lag = lags[start / block];
            if (start + lag >= 0 && start + frame + lag <= recording.Length) starts.Add(start);
        }
        if (starts.Count == 0) return new SpeechQuality(delay, 0, MinFrameSnrDb, double.PositiveInfinity, 0);
        double xx = 0, xy = 0, yy = 0;
        foreach (var start in starts)
        {
            var lag = lags[start / block];
            for (var i = start; i < start + frame; i++)
            {
                xx += original[i] * original[i];
                xy += original[i] * recording[i + lag];
                yy += recording[i + lag] * recording[i + lag];
            }
        }
        var gain = yy > 0 ? xy / yy : 0;
        var aligned = xx > 0 && yy > 0 ? xy / Math.Sqrt(xx * yy) : 0;

        double snr = 0, lsd = 0;
        var fftSize = Fft.NextPowerOfTwo(frame);
        var lowBin = (int)Math.Ceiling(50.0 * fftSize / sampleRate);
        var highBin = Math.Min(fftSize / 2, (int)(8000.0 * fftSize / sampleRate));
        var ys = new double[frame];
        foreach (var start in starts)
        {
            var lag = lags[start / block];
            var xs = original.AsSpan(start, frame);
            for (var i = 0; i < frame; i++) ys[i] = recording[start + lag + i] * gain;
            snr += FrameSnr(xs, ys);
            lsd += FrameLsd(Fft.PowerSpectrum(xs, fftSize), Fft.PowerSpectrum(ys, fftSize), lowBin, highBin);
        }
        return new SpeechQuality(delay, gain, snr / starts.Count, lsd / starts.Count, starts.Count) { AlignedCorrelation = aligned };
    }

    /// <summary>Length of the blocks aligned on their own: a few syllables, long enough to correlate reliably.</summary>
    public const int BlockMs = 500;

    /// <summary>How far a block's lag may move from the global one: a few jitter-buffer frames, far less than a syllable.</summary>
    public const int DriftMs = 60;

    // Each block's lag, searched within ±DriftMs of the global one; a block that is silent or does
    // not correlate better elsewhere keeps the global lag.
    private static int[] BlockLags(double[] original, double[] recording, int globalLag, int sampleRate)
    {
        var block = sampleRate * BlockMs / 1000;
        var drift = sampleRate * DriftMs / 1000;
        var lags = new int[(original.Length + block - 1) / block];
        for (var b = 0; b < lags.Length; b++)
        {
            lags[b] = globalLag;
            var from = b * block;
            var length = Math.Min(block, original.Length - from);
            var recFrom = from + globalLag - drift;
            var recTo = from + length + globalLag + drift;
            // A block at either end of the recording (not all of its search range recorded) keeps the global lag.
            if (length < sampleRate / 10 || recFrom < 0 || recTo > recording.Length) continue;
            var local = DelayEstimate.Find(original.AsSpan(from, length), recording.AsSpan(recFrom, recTo - recFrom), recTo - recFrom, sampleRate, fullOverlap: true);
            var lag = local.LagSamples + recFrom - from;
            if (local.Correlation > 0 && Math.Abs(lag - globalLag) <= drift) lags[b] = lag;
        }
        return lags;
    }

    // Frames of the ORIGINAL within 40 dB of its loudest frame: pauses would otherwise dominate the mean.
    private static List<int> ActiveFrames(double[] x, int frame)
    {
        var energies = new List<(int Start, double Energy)>();
        for (var start = 0; start + frame <= x.Length; start += frame)
        {
            double e = 0;
            foreach (var v in x.AsSpan(start, frame)) e += v * v;
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
