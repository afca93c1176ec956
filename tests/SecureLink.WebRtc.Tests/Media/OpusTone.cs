using Concentus.Enums;
using Concentus.Structs;

namespace SecureLink.WebRtc.Tests.Media;

/// <summary>
/// Test input and checks in real Opus (Concentus, managed): 20 ms frames of a sine tone to send,
/// and decoding what a peer sent to find how strong a given frequency is in it.
/// </summary>
public static class OpusTone
{
    public const int Rate = 48000, FrameSamples = 960;

    /// <summary><paramref name="frames"/> consecutive 20 ms Opus frames of a <paramref name="hz"/> tone at half scale.</summary>
    public static List<byte[]> Encode(double hz, int frames)
    {
#pragma warning disable CS0618 // the managed encoder on purpose: no native libopus probing
        var encoder = new OpusEncoder(Rate, 1, OpusApplication.OPUS_APPLICATION_AUDIO) { Bitrate = 32000 };
#pragma warning restore CS0618
        var pcm = new short[FrameSamples];
        var packet = new byte[1275];
        var list = new List<byte[]>(frames);
        for (var f = 0; f < frames; f++)
        {
            for (var i = 0; i < FrameSamples; i++)
                pcm[i] = (short)(16000 * Math.Sin(2 * Math.PI * hz * (f * FrameSamples + i) / Rate));
            var n = encoder.Encode(pcm, FrameSamples, packet, packet.Length);
            list.Add(packet.AsSpan(0, n).ToArray());
        }
        return list;
    }

    /// <summary>Decodes every payload in order (mono); throws if one is not valid Opus.</summary>
    public static short[] Decode(IEnumerable<byte[]> payloads)
    {
#pragma warning disable CS0618
        var decoder = new OpusDecoder(Rate, 1);
#pragma warning restore CS0618
        var all = new List<short>();
        var frame = new short[5760];
        foreach (var p in payloads)
        {
            var n = decoder.Decode(p, frame, frame.Length, false);
            all.AddRange(frame.AsSpan(0, n).ToArray());
        }
        return [.. all];
    }

    /// <summary>Goertzel power of <paramref name="hz"/> in <paramref name="pcm"/>, relative to the signal's total power (0..1).</summary>
    public static double RelativePower(short[] pcm, double hz)
    {
        if (pcm.Length == 0) return 0;
        var w = 2 * Math.PI * hz / Rate;
        var coeff = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0, energy = 0;
        foreach (var x in pcm)
        {
            var s = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double)x * x;
        }
        var power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        // A pure tone of N samples gives power ≈ energy · N / 2.
        return energy == 0 ? 0 : power / (energy * pcm.Length / 2);
    }
}
