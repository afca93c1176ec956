using System.Net;
using SecureLink.Rooms.Codes;
using SecureLink.WebRtc.Sdp;
using Xunit;

namespace SecureLink.Rooms.Tests.Codes;

/// <summary>Records and SDP to test with: typical ones, and random ones drawn from a seed.</summary>
internal static class Samples
{
    public const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static readonly DateTimeOffset Now = new(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);

    public static byte[] RoomId => [1, 2, 3, 4, 5, 6, 7, 8];

    public static byte[] Fingerprint => [.. Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i))];

    public static CodeCandidate Host4(int i) => new(IPAddress.Parse($"198.18.0.{i + 1}"), 50000 + i, false);

    public static InviteRecord OfflineInvite(int candidates) => new(RoomId, ConnectMode.Offline, "Ab3+Cd/9",
        "0123456789abcdefGHIJKLMN", Fingerprint, [.. Enumerable.Range(0, candidates).Select(Host4)], [], Now.AddMinutes(10));

    /// <summary>An Internet invite: IPv4 and IPv6 host candidates and srflx ones, one STUN server.</summary>
    public static InviteRecord InternetInvite(int candidates)
    {
        CodeCandidate[] mix =
        [
            new(IPAddress.Parse("198.18.0.1"), 50000, false),
            new(IPAddress.Parse("2001:db8:5e::1"), 50001, false),
            new(IPAddress.Parse("203.0.113.7"), 61000, true),
            new(IPAddress.Parse("2001:db8:ffff::7"), 61001, true),
        ];
        return new InviteRecord(RoomId, ConnectMode.Internet, "Ab3+Cd/9", "0123456789abcdefGHIJKLMN", Fingerprint,
            mix[..candidates], ["stun.example.org:3478"], Now.AddMinutes(10));
    }

    public static ReplyRecord Reply(int candidates) => new(RoomId, "Zy9/Xw+1", "ZYXWVUTSRQPONMLKJIHGFEDCBA", Fingerprint.Reverse().ToArray(),
        [.. Enumerable.Range(0, candidates).Select(i => Host4(i + 10))]);

    public static InviteRecord RandomInvite(int seed)
    {
        var rng = new Random(seed);
        var mode = rng.Next(2) == 0 ? ConnectMode.Offline : ConnectMode.Internet;
        var candidates = RandomCandidates(rng, allowSrflx: mode == ConnectMode.Internet);
        var stun = mode == ConnectMode.Internet
            ? Enumerable.Range(0, rng.Next(CodeLimits.MaxStunServers + 1)).Select(_ => $"stun{rng.Next(1000)}.example:{rng.Next(1, 65536)}").ToList()
            : [];
        return new InviteRecord(Bytes(rng, 8), mode, Ice(rng, rng.Next(4, 40)), Ice(rng, rng.Next(22, 60)), Bytes(rng, 32),
            candidates, stun, DateTimeOffset.FromUnixTimeSeconds(rng.NextInt64(1, uint.MaxValue)))
        { Features = rng.Next(2) == 0 ? CodeFeatures.DataChannel : CodeFeatures.DataChannel | CodeFeatures.Audio };
    }

    public static ReplyRecord RandomReply(int seed)
    {
        var rng = new Random(seed);
        return new ReplyRecord(Bytes(rng, 8), Ice(rng, rng.Next(4, 40)), Ice(rng, rng.Next(22, 60)), Bytes(rng, 32),
            RandomCandidates(rng, allowSrflx: true))
        { Features = rng.Next(2) == 0 ? CodeFeatures.DataChannel : CodeFeatures.DataChannel | CodeFeatures.Audio };
    }

    public static List<CodeCandidate> RandomCandidates(Random rng, bool allowSrflx) =>
        [.. Enumerable.Range(0, rng.Next(CodeLimits.MaxCandidates + 1)).Select(_ =>
        {
            var v6 = rng.Next(2) == 0;
            var bytes = Bytes(rng, v6 ? 16 : 4);
            bytes[0] = v6 ? (byte)0x20 : (byte)rng.Next(1, 224); // never unspecified, never link-local
            return new CodeCandidate(new IPAddress(bytes), rng.Next(1, 65536), allowSrflx && rng.Next(2) == 0);
        })];

    public static SdpLocalParameters Local(params string[] candidates) => new("Ab3+Cd/9", "0123456789abcdefGHIJKLMN",
        "sha-256 " + string.Join(':', Fingerprint.Select(b => b.ToString("X2"))), candidates);

    public static void Equal(InviteRecord expected, InviteRecord actual)
    {
        Assert.Equal(expected.RoomId, actual.RoomId);
        Assert.Equal(expected.Mode, actual.Mode);
        Assert.Equal(expected.IceUfrag, actual.IceUfrag);
        Assert.Equal(expected.IcePwd, actual.IcePwd);
        Assert.Equal(expected.DtlsSha256Fingerprint, actual.DtlsSha256Fingerprint);
        Assert.Equal(expected.Candidates, actual.Candidates);
        Assert.Equal(expected.StunServers, actual.StunServers);
        Assert.Equal(expected.ExpiresAt.ToUnixTimeSeconds(), actual.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(expected.Features, actual.Features);
    }

    public static void Equal(ReplyRecord expected, ReplyRecord actual)
    {
        Assert.Equal(expected.RoomId, actual.RoomId);
        Assert.Equal(expected.IceUfrag, actual.IceUfrag);
        Assert.Equal(expected.IcePwd, actual.IcePwd);
        Assert.Equal(expected.DtlsSha256Fingerprint, actual.DtlsSha256Fingerprint);
        Assert.Equal(expected.Candidates, actual.Candidates);
        Assert.Equal(expected.Features, actual.Features);
    }

    private static byte[] Bytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    private static string Ice(Random rng, int n) => new([.. Enumerable.Range(0, n).Select(_ => IceChars[rng.Next(IceChars.Length)])]);
}
