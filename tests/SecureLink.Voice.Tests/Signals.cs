using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Tests;

/// <summary>Test signals and the measurements we judge audio by.</summary>
internal static class Signals
{
    internal static short[] Sine(double hz, int samples, double amplitude = 0.5, int rate = VoiceFormat.SampleRate)
    {
        var s = new short[samples];
        for (var i = 0; i < samples; i++) s[i] = (short)(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * hz * i / rate));
        return s;
    }

    /// <summary>Speech-like: a vibrato'd harmonic tone with a syllable envelope, so PLC cannot simply extrapolate it.</summary>
    internal static short[] SpeechLike(int samples, int rate = VoiceFormat.SampleRate)
    {
        var s = new short[samples];
        double phase = 0;
        for (var i = 0; i < samples; i++)
        {
            var t = (double)i / rate;
            var f0 = 140 + 60 * Math.Sin(2 * Math.PI * 3 * t) + 30 * Math.Sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * f0 / rate;
            var env = 0.55 + 0.45 * Math.Sin(2 * Math.PI * 4 * t);
            var v = 0.0;
            for (var h = 1; h <= 8; h++) v += Math.Sin(h * phase) / h;
            s[i] = (short)(0.25 * short.MaxValue * env * v);
        }
        return s;
    }

    /// <summary>Goertzel power at <paramref name="hz"/>.</summary>
    internal static double Goertzel(ReadOnlySpan<short> x, double hz, int rate = VoiceFormat.SampleRate)
    {
        var w = 2 * Math.PI * hz / rate;
        var c = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0;
        foreach (var v in x)
        {
            var s0 = v + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - c * s1 * s2;
    }

    /// <summary>The frequency (10 Hz steps, 100..8000 Hz) with the most Goertzel power.</summary>
    internal static double PeakFrequency(ReadOnlySpan<short> x, int rate = VoiceFormat.SampleRate)
    {
        double best = 0, bestHz = 0;
        for (var hz = 100.0; hz <= 8000; hz += 10)
        {
            var p = Goertzel(x, hz, rate);
            if (p > best) { best = p; bestHz = hz; }
        }
        return bestHz;
    }

    /// <summary>The lag (0..maxLag) at which <paramref name="output"/> best matches <paramref name="input"/>.</summary>
    internal static int BestLag(ReadOnlySpan<short> input, ReadOnlySpan<short> output, int maxLag, int window = 9600)
    {
        double best = double.MinValue;
        var bestLag = 0;
        for (var lag = 0; lag <= maxLag; lag++)
        {
            double dot = 0;
            var n = Math.Min(window, Math.Min(input.Length, output.Length - lag));
            for (var i = 0; i < n; i++) dot += (double)input[i] * output[i + lag];
            if (dot > best) { best = dot; bestLag = lag; }
        }
        return bestLag;
    }

    /// <summary>Waveform SNR in dB of <paramref name="output"/> (shifted by lag) against <paramref name="input"/>.</summary>
    internal static double SnrDb(ReadOnlySpan<short> input, ReadOnlySpan<short> output, int lag, int skip = 0)
    {
        double signal = 0, noise = 0;
        var n = Math.Min(input.Length, output.Length - lag);
        for (var i = skip; i < n; i++)
        {
            double x = input[i], e = x - output[i + lag];
            signal += x * x;
            noise += e * e;
        }
        return 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
    }
}
