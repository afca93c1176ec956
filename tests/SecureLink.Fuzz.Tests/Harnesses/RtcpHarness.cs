using SecureLink.WebRtc.Rtcp;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>RTCP compound packets: TryParse answers a bool; what parsed must re-encode.</summary>
public static class RtcpHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (RtcpCompoundPacket.TryParse(data, out var packets) && packets.Count > 0)
            _ = RtcpCompoundPacket.ToArray([.. packets]);
    }
}
