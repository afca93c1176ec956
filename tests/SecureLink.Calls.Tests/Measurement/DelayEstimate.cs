using System.Numerics;

namespace SecureLink.Calls.Measurement;

/// <summary>Where a recording best matches the original, and how well (normalised correlation, 0..1).</summary>
public readonly record struct DelayEstimate(int LagSamples, double Correlation, int SampleRate)
{
    public double DelayMs => 1000.0 * LagSamples / SampleRate;

    /// <summary>
    /// Cross-correlates by FFT and returns the lag in -maxLag..maxLag samples (positive: the
    /// recording is later than the original) with the largest normalised correlation. Negative lags
    /// matter because a recorder may start after the sound did. Why normalised per lag: a recording
    /// often starts or ends with silence, and a plain dot product would favour lags that merely
    /// overlap more signal. With <paramref name="fullOverlap"/> only lags where all of the original
    /// lies inside the recording count (a short piece searched for in a longer stretch), so a lag
    /// that matches on a sliver of overlap cannot win.
    /// </summary>
    public static DelayEstimate Find(ReadOnlySpan<double> original, ReadOnlySpan<double> recording, int maxLagSamples, int sampleRate, bool fullOverlap = false)
    {
        if (original.IsEmpty || recording.IsEmpty) return new DelayEstimate(0, 0, sampleRate);
        var size = Fft.NextPowerOfTwo(original.Length + recording.Length);
        var x = new Complex[size];
        var y = new Complex[size];
        for (var i = 0; i < original.Length; i++) x[i] = original[i];
        for (var i = 0; i < recording.Length; i++) y[i] = recording[i];
        Fft.Transform(x);
        Fft.Transform(y);
        for (var i = 0; i < size; i++) x[i] = Complex.Conjugate(x[i]) * y[i];
        Fft.Transform(x, inverse: true);

        // Energy of each side's part of the overlap per lag, from prefix sums of squares.
        var prefixX = Prefix(original);
        var prefixY = Prefix(recording);
        var best = new DelayEstimate(0, 0, sampleRate);
        var minOverlap = sampleRate / 20; // under 50 ms of overlap says nothing
        var lowest = fullOverlap ? 0 : -Math.Min(maxLagSamples, original.Length - 1);
        var highest = fullOverlap ? Math.Min(maxLagSamples, recording.Length - original.Length) : Math.Min(maxLagSamples, recording.Length - 1);
        for (var lag = lowest; lag <= highest; lag++)
        {
            // sum over i of original[i] * recording[i + lag]
            var from = Math.Max(0, -lag);
            var to = Math.Min(original.Length, recording.Length - lag);
            if (to - from < minOverlap) continue;
            var ex = prefixX[to] - prefixX[from];
            var ey = prefixY[to + lag] - prefixY[from + lag];
            if (ex <= 0 || ey <= 0) continue;
            var c = x[lag >= 0 ? lag : size + lag].Real / size / Math.Sqrt(ex * ey);
            if (c > best.Correlation) best = new DelayEstimate(lag, c, sampleRate);
        }
        return best;
    }

    private static double[] Prefix(ReadOnlySpan<double> s)
    {
        var p = new double[s.Length + 1];
        for (var i = 0; i < s.Length; i++) p[i + 1] = p[i] + s[i] * s[i];
        return p;
    }
}
