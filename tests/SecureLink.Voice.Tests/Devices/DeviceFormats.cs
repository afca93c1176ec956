using System.Buffers.Binary;
using NAudio.Wave;

namespace SecureLink.Voice.Tests.Devices;

/// <summary>
/// Device-side sample formats, written and read independently of NAudio, so a conversion bug in
/// the code under test cannot cancel itself out in the test.
/// </summary>
internal static class DeviceFormats
{
    /// <summary>What WASAPI shared mode reports: WAVEFORMATEXTENSIBLE, float or integer PCM.</summary>
    internal static WaveFormat Mix(bool isFloat, int rate, int bits, int channels) =>
        new WaveFormatExtensible(rate, bits, channels, isFloat, bits, channels == 2 ? 3 : (1 << channels) - 1);

    internal static byte[] Encode(ReadOnlySpan<double> interleaved, bool isFloat, int bits)
    {
        var bytesPer = bits / 8;
        var bytes = new byte[interleaved.Length * bytesPer];
        for (var i = 0; i < interleaved.Length; i++)
        {
            var span = bytes.AsSpan(i * bytesPer, bytesPer);
            var v = Math.Clamp(interleaved[i], -1.0, 1.0);
            if (isFloat) BinaryPrimitives.WriteSingleLittleEndian(span, (float)v);
            else if (bits == 16) BinaryPrimitives.WriteInt16LittleEndian(span, (short)Math.Round(v * short.MaxValue));
            else if (bits == 32) BinaryPrimitives.WriteInt32LittleEndian(span, (int)Math.Round(v * int.MaxValue));
            else
            {
                var s = (int)Math.Round(v * 8388607);
                span[0] = (byte)s;
                span[1] = (byte)(s >> 8);
                span[2] = (byte)(s >> 16);
            }
        }
        return bytes;
    }

    internal static double[] Decode(ReadOnlySpan<byte> bytes, bool isFloat, int bits)
    {
        var bytesPer = bits / 8;
        var values = new double[bytes.Length / bytesPer];
        for (var i = 0; i < values.Length; i++)
        {
            var span = bytes.Slice(i * bytesPer, bytesPer);
            values[i] = isFloat ? BinaryPrimitives.ReadSingleLittleEndian(span)
                : bits == 16 ? BinaryPrimitives.ReadInt16LittleEndian(span) / 32767.0
                : bits == 32 ? BinaryPrimitives.ReadInt32LittleEndian(span) / (double)int.MaxValue
                : ((span[0] | span[1] << 8 | span[2] << 16) << 8 >> 8) / 8388607.0;
        }
        return values;
    }

    /// <summary>A tone on every channel, interleaved: <paramref name="frames"/> sample frames from frame <paramref name="start"/>.</summary>
    internal static double[] Tone(double hz, double amplitude, int rate, int channels, long start, int frames)
    {
        var x = new double[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            var v = amplitude * Math.Sin(2 * Math.PI * hz * (start + i) / rate);
            for (var c = 0; c < channels; c++) x[i * channels + c] = v;
        }
        return x;
    }

    /// <summary>
    /// Amplitude and phase of the <paramref name="hz"/> component of x[from..from+n), phase measured
    /// against sample 0 of the whole signal, so a signal without drift keeps one phase everywhere.
    /// </summary>
    internal static (double Amplitude, double PhaseDegrees) Component(IReadOnlyList<double> x, double hz, int rate, int from, int n)
    {
        double re = 0, im = 0;
        for (var i = from; i < from + n; i++)
        {
            var w = 2 * Math.PI * hz * i / rate;
            re += x[i] * Math.Cos(w);
            im -= x[i] * Math.Sin(w);
        }
        return (2 * Math.Sqrt(re * re + im * im) / n, Math.Atan2(im, re) * 180 / Math.PI);
    }

    /// <summary>SNR in dB of x[from..from+n) against the pure tone that best fits it.</summary>
    internal static double ToneSnrDb(IReadOnlyList<double> x, double hz, int rate, int from, int n)
    {
        double re = 0, im = 0;
        for (var i = from; i < from + n; i++)
        {
            var w = 2 * Math.PI * hz * i / rate;
            re += x[i] * Math.Cos(w);
            im += x[i] * Math.Sin(w);
        }
        double a = 2 * re / n, b = 2 * im / n, signal = 0, noise = 0;
        for (var i = from; i < from + n; i++)
        {
            var w = 2 * Math.PI * hz * i / rate;
            var fit = a * Math.Cos(w) + b * Math.Sin(w);
            signal += fit * fit;
            noise += (x[i] - fit) * (x[i] - fit);
        }
        return 10 * Math.Log10(signal / Math.Max(noise, 1e-20));
    }

    internal static double PhaseDifference(double a, double b)
    {
        var d = (a - b) % 360;
        return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
    }
}
