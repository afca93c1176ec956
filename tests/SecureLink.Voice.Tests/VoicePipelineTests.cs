using SecureLink.Voice.Codec;
using SecureLink.Voice.Jitter;

namespace SecureLink.Voice.Tests;

/// <summary>Encoder → lossy, jittery, reordering, duplicating channel → jitter buffer → decoder, on a manual clock.</summary>
public sealed class VoicePipelineTests
{
    [Fact]
    public void A_tone_survives_loss_jitter_reordering_and_duplicates_with_FEC_doing_the_repairs()
    {
        const int frames = 500; // 10 s
        var input = Signals.Sine(1000, frames * VoiceFormat.FrameSamples, 0.4);
        var encoder = new OpusVoiceEncoder(new BitrateAdaptationPolicy().Choose(5));
        var rng = new Random(1234);
        var sent = new List<(ushort Seq, uint Ts, byte[] Payload, double At)>();
        var buf = new byte[VoiceFormat.MaxPacketBytes];
        for (var f = 0; f < frames; f++)
        {
            var n = encoder.Encode(input.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples), buf);
            if (rng.NextDouble() < 0.05) continue;                      // 5 % loss
            var at = f * 20.0 + 30 + rng.Next(0, 40);                   // 30–70 ms network delay
            sent.Add(((ushort)(40_000 + f), (uint)(f * VoiceFormat.FrameSamples), buf[..n], at));
            if (rng.NextDouble() < 0.02) sent.Add(((ushort)(40_000 + f), (uint)(f * VoiceFormat.FrameSamples), buf[..n], at + 5));
        }
        var arrivals = sent.OrderBy(p => p.At).ToList();

        var jb = new JitterBuffer();
        var decoder = new OpusVoiceDecoder();
        var output = new List<short>();
        var pcm = new short[VoiceFormat.MaxPacketSamples];
        var next = 0;
        for (var t = 0.0; t < frames * 20 + 400; t += 20)
        {
            while (next < arrivals.Count && arrivals[next].At <= t)
            {
                var a = arrivals[next++];
                jb.Insert(a.Seq, a.Ts, a.Payload, TimeSpan.FromMilliseconds(a.At));
            }
            var frame = jb.Next(TimeSpan.FromMilliseconds(t));
            var r = frame.Kind switch
            {
                JitterFrameKind.Packet => decoder.Decode(frame.Payload.Span, pcm),
                JitterFrameKind.Fec => decoder.DecodeFec(frame.Payload.Span, pcm),
                JitterFrameKind.Conceal => decoder.Conceal(pcm),
                _ => new VoiceDecodeResult(VoiceDecodeStatus.Concealed, 0),
            };
            Assert.NotEqual(VoiceDecodeStatus.InvalidPayload, r.Status);
            output.AddRange(pcm.AsSpan(0, r.Samples).ToArray());
        }

        var s = jb.Stats;
        Assert.True(s.Duplicates > 0, s.ToString());
        Assert.InRange(s.Lost, frames * 0.02, frames * 0.12);
        Assert.True(s.RecoveredByFec >= s.Lost / 2, s.ToString());
        var middle = output.Skip(output.Count / 2).Take(VoiceFormat.SampleRate).ToArray();
        Assert.Equal(1000, Signals.PeakFrequency(middle));
        Assert.InRange(output.Count, (frames - 30) * VoiceFormat.FrameSamples, (frames + 30) * VoiceFormat.FrameSamples);
    }
}
