using SecureLink.WebRtc.Rtp;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>RTP from the network (after SRTP): TryParse answers a bool; what parsed must re-encode.</summary>
public static class RtpHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (RtpHeader.TryParse(data, out var header) && header.HeaderLength > data.Length)
            throw new FuzzInvariantException($"Header length {header.HeaderLength} exceeds the {data.Length}-byte packet.");
        _ = RtpHeader.TryParse(data, out _, checkPadding: false);
        if (RtpPacket.TryParse(data, out var packet))
            _ = packet!.ToArray();
    }
}
