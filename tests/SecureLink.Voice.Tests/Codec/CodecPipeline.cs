using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Tests.Codec;

/// <summary>Encodes a signal frame by frame and decodes it back, losing chosen packets.</summary>
internal static class CodecPipeline
{
    internal enum Repair { Plc, Fec }

    internal static List<byte[]> Encode(short[] signal, OpusEncoderSettings settings)
    {
        var encoder = new OpusVoiceEncoder(settings);
        var packets = new List<byte[]>();
        var buf = new byte[VoiceFormat.MaxPacketBytes];
        for (var off = 0; off + VoiceFormat.FrameSamples <= signal.Length; off += VoiceFormat.FrameSamples)
        {
            var n = encoder.Encode(signal.AsSpan(off, VoiceFormat.FrameSamples), buf);
            packets.Add(buf[..n]);
        }
        return packets;
    }

    internal static short[] Decode(List<byte[]> packets, Func<int, bool> lost, Repair repair, List<VoiceDecodeStatus>? statuses = null)
    {
        var decoder = new OpusVoiceDecoder();
        var output = new short[packets.Count * VoiceFormat.FrameSamples];
        var frame = new short[VoiceFormat.MaxPacketSamples];
        for (var i = 0; i < packets.Count; i++)
        {
            VoiceDecodeResult r;
            if (!lost(i)) r = decoder.Decode(packets[i], frame);
            else if (repair == Repair.Fec && i + 1 < packets.Count && !lost(i + 1)) r = decoder.DecodeFec(packets[i + 1], frame);
            else r = decoder.Conceal(frame);
            statuses?.Add(r.Status);
            Assert.Equal(VoiceFormat.FrameSamples, r.Samples);
            frame.AsSpan(0, VoiceFormat.FrameSamples).CopyTo(output.AsSpan(i * VoiceFormat.FrameSamples));
        }
        return output;
    }
}
