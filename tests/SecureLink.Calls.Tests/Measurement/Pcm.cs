using NAudio.Wave;

namespace SecureLink.Calls.Measurement;

/// <summary>16-bit mono PCM as arrays: conversions and WAV files (read/write through NAudio.Core).</summary>
public static class Pcm
{
    public static double[] ToDouble(ReadOnlySpan<short> s)
    {
        var d = new double[s.Length];
        for (var i = 0; i < s.Length; i++) d[i] = s[i] / 32768.0;
        return d;
    }

    public static short[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        var s = new short[bytes.Length / 2];
        for (var i = 0; i < s.Length; i++) s[i] = (short)(bytes[2 * i] | bytes[2 * i + 1] << 8);
        return s;
    }

    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var b = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            b[2 * i] = (byte)samples[i];
            b[2 * i + 1] = (byte)(samples[i] >> 8);
        }
        return b;
    }

    /// <summary>Reads a 16-bit mono WAV at the rate we expect (sox made it so); anything else is a test bug.</summary>
    public static short[] ReadWav(string path, int expectedRate)
    {
        using var reader = new WaveFileReader(path);
        if (reader.WaveFormat.Encoding != WaveFormatEncoding.Pcm || reader.WaveFormat.BitsPerSample != 16 || reader.WaveFormat.Channels != 1 || reader.WaveFormat.SampleRate != expectedRate)
            throw new InvalidDataException($"{path}: expected 16-bit mono PCM at {expectedRate} Hz, found {reader.WaveFormat}");
        var bytes = new byte[reader.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = reader.Read(bytes, read, bytes.Length - read);
            if (n == 0) break;
            read += n;
        }
        return FromBytes(bytes.AsSpan(0, read));
    }

    public static void WriteWav(string path, ReadOnlySpan<short> samples, int rate)
    {
        using var writer = new WaveFileWriter(path, new WaveFormat(rate, 16, 1));
        var bytes = ToBytes(samples);
        writer.Write(bytes, 0, bytes.Length);
    }

    /// <summary>Peak absolute sample, for "was anything recorded at all".</summary>
    public static int Peak(ReadOnlySpan<short> s)
    {
        var peak = 0;
        foreach (var v in s) peak = Math.Max(peak, Math.Abs((int)v));
        return peak;
    }
}
