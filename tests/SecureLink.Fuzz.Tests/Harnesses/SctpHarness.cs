using SecureLink.WebRtc.Sctp.Packet;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>SCTP packets out of DTLS: TryParse is documented "never throws"; what parsed must re-encode.</summary>
public static class SctpHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var ok = SctpPacket.TryParse(data, out var packet, out var error);
        if (ok != (error == PacketError.None)) throw new FuzzInvariantException($"TryParse answered {ok} with error {error}.");
        if (ok) _ = packet!.ToArray();
    }
}
