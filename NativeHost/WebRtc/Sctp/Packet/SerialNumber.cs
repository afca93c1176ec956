namespace SecureLink.WebRtc.Sctp.Packet;

/// <summary>
/// Serial number arithmetic (RFC 1982) for TSNs (32 bit) and SSNs (16 bit): both wrap,
/// so "a is after b" is a signed difference, never a plain comparison.
/// </summary>
public static class SerialNumber
{
    public static bool Lt(uint a, uint b) => (int)(a - b) < 0;
    public static bool Lte(uint a, uint b) => (int)(a - b) <= 0;
    public static bool Gt(uint a, uint b) => (int)(a - b) > 0;
    public static bool Gte(uint a, uint b) => (int)(a - b) >= 0;
    public static bool Lt(ushort a, ushort b) => (short)(a - b) < 0;
    public static bool Lte(ushort a, ushort b) => (short)(a - b) <= 0;
    public static bool Gt(ushort a, ushort b) => (short)(a - b) > 0;
}
