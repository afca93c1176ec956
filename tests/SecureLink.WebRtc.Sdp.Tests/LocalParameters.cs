namespace SecureLink.WebRtc.Sdp.Tests;

internal static class LocalParameters
{
    public const string Fingerprint =
        "sha-256 3C:4F:1A:9E:22:D0:57:B8:6E:01:F4:AA:93:C5:7D:2B:88:14:E6:0F:5A:C9:31:7E:DD:42:B0:68:19:F3:A5:C7";

    public static SdpLocalParameters Create() => new(
        "aB3dE6gH", "pQ7rS9tU1vW3xY5zA7bC9dE1", Fingerprint,
        ["candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host", "candidate:2 1 udp 2122262783 2001:db8:5e::1 50001 typ host"]);

    public static AudioTrackParameters Track() => new(0x1234ABCD, "securelinkcname", "stream-a", "track-a");
}
