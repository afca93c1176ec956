using SecureLink.Voice.Codec;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>
/// Opus payloads from the network (after SRTP, so a peer's own choice): OpusVoiceDecoder must fill
/// a frame for anything and never throw. The input is a stream of payloads for one decoder (each a
/// 1-byte length and its bytes, the rest one last payload), decoded in order, each also offered as
/// the FEC source for the frame before it, with output buffers of our frame size and of the largest
/// legal Opus duration. (A decoder that called our own DTX frames invalid was finding F5.)
/// </summary>
public static class OpusHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var decoder = new OpusVoiceDecoder();
        var frame = new short[VoiceFormat.FrameSamples];
        var large = new short[VoiceFormat.MaxPacketSamples];
        // The first 12 payloads: longer streams add time, not new decoder states worth the cost.
        foreach (var payload in Split(data).Take(12))
        {
            _ = OpusToc.CanCarryFec(payload);
            _ = OpusToc.IsDtxFrame(payload);
            Check(decoder.DecodeFec(payload, frame), frame.Length, "DecodeFec");
            Check(decoder.Decode(payload, frame), frame.Length, "Decode (20 ms buffer)");
            Check(decoder.Decode(payload, large), large.Length, "Decode (120 ms buffer)");
            Check(decoder.Conceal(frame), frame.Length, "Conceal");
        }
    }

    public static List<byte[]> Split(ReadOnlySpan<byte> data)
    {
        var list = new List<byte[]>();
        while (data.Length >= 1 && data[0] > 0 && data[0] <= data.Length - 1)
        {
            list.Add(data.Slice(1, data[0]).ToArray());
            data = data[(1 + data[0])..];
        }
        if (!data.IsEmpty || list.Count == 0) list.Add(data.ToArray());
        return list;
    }

    public static byte[] Join(IEnumerable<byte[]> payloads) => [.. payloads.SelectMany(p => (byte[])[(byte)p.Length, .. p])];

    private static void Check(VoiceDecodeResult r, int capacity, string call)
    {
        if (!Enum.IsDefined(r.Status)) throw new FuzzInvariantException($"{call}: undefined status {(int)r.Status}.");
        if (r.Samples <= 0 || r.Samples > capacity)
            throw new FuzzInvariantException($"{call}: {r.Samples} samples for a {capacity}-sample buffer ({r.Status}).");
    }
}
