namespace SecureLink.Voice.Codec;

/// <summary>Reads the Opus TOC byte (RFC 6716 §3.1) without decoding.</summary>
public static class OpusToc
{
    /// <summary>Configurations 0–15 are SILK-only or hybrid: the modes whose frames may carry LBRR (FEC) data.</summary>
    public static bool CanCarryFec(ReadOnlySpan<byte> packet) => !packet.IsEmpty && (packet[0] >> 3) < 16;

    /// <summary>A DTX / comfort packet: one or two bytes, nothing worth sending (RFC 7587 §3.1.3).</summary>
    public static bool IsDtxFrame(ReadOnlySpan<byte> packet) => packet.Length <= 2;
}
