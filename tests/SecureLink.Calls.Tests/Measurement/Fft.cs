using System.Numerics;

namespace SecureLink.Calls.Measurement;

/// <summary>In-place iterative radix-2 FFT; enough for cross-correlating a few seconds of audio.</summary>
public static class Fft
{
    public static int NextPowerOfTwo(int n)
    {
        var p = 1;
        while (p < n) p <<= 1;
        return p;
    }

    /// <summary>Forward transform (or inverse, unscaled: divide by the length yourself).</summary>
    public static void Transform(Complex[] data, bool inverse = false)
    {
        var n = data.Length;
        if (n == 0 || (n & (n - 1)) != 0) throw new ArgumentException("The FFT length must be a power of two.", nameof(data));
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (data[i], data[j]) = (data[j], data[i]);
        }
        for (var len = 2; len <= n; len <<= 1)
        {
            var angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var start = 0; start < n; start += len)
            {
                var w = Complex.One;
                for (var k = 0; k < len / 2; k++)
                {
                    var a = data[start + k];
                    var b = data[start + k + len / 2] * w;
                    data[start + k] = a + b;
                    data[start + k + len / 2] = a - b;
                    w *= step;
                }
            }
        }
    }

    /// <summary>Power spectrum of one Hann-windowed frame, zero-padded to <paramref name="size"/> (bins 0..size/2).</summary>
    public static double[] PowerSpectrum(ReadOnlySpan<double> frame, int size)
    {
        var buffer = new Complex[size];
        var n = Math.Min(frame.Length, size);
        for (var i = 0; i < n; i++)
        {
            var hann = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / Math.Max(1, n - 1));
            buffer[i] = frame[i] * hann;
        }
        Transform(buffer);
        var power = new double[size / 2 + 1];
        for (var k = 0; k < power.Length; k++) power[k] = buffer[k].Real * buffer[k].Real + buffer[k].Imaginary * buffer[k].Imaginary;
        return power;
    }
}
