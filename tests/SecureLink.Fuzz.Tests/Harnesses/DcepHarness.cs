using SecureLink.WebRtc.DataChannels;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>DATA_CHANNEL_OPEN from the peer: TryParse answers null when malformed (documented never to throw).</summary>
public static class DcepHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var open = DcepOpen.TryParse(data);
        if (open is null) return;
        _ = open.Ordered;
        _ = open.MaxRetransmits;
        _ = open.MaxPacketLifeTimeMs;
        _ = open.ToArray();
    }
}
