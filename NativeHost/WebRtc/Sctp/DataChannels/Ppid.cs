namespace SecureLink.WebRtc.DataChannels;

/// <summary>Payload protocol identifiers of WebRTC data channels (RFC 8831 §8, RFC 8832 §8.1).</summary>
public static class Ppid
{
    public const uint Dcep = 50;
    public const uint String = 51;
    public const uint BinaryPartial = 52; // deprecated, still accepted
    public const uint Binary = 53;
    public const uint StringPartial = 54; // deprecated, still accepted
    public const uint StringEmpty = 56;
    public const uint BinaryEmpty = 57;
}
