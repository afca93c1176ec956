namespace SecureLink.WebRtc.Ice.Tests;

public sealed class IcePriorityTests
{
    [Fact]
    public void CandidatePriorityFollowsRfc8445()
    {
        // 126 << 24 | 65535 << 8 | 255: the value every single-homed host candidate gets.
        Assert.Equal(2130706431u, IcePriority.Candidate(IceCandidateType.Host, 65535));
        Assert.Equal(1862270975u, IcePriority.Candidate(IceCandidateType.PeerReflexive, 65535));
        Assert.Equal(1694498815u, IcePriority.Candidate(IceCandidateType.ServerReflexive, 65535));
        Assert.Equal(16777215u, IcePriority.Candidate(IceCandidateType.Relay, 65535));
        Assert.Equal(2130706430u, IcePriority.Candidate(IceCandidateType.Host, 65535, component: 2));
        Assert.Equal(2122260223u, IcePriority.Candidate(IceCandidateType.Host, 32542)); // Chromium's usual IPv4 host value: same formula, local preference 32542
    }

    [Fact]
    public void PairPriorityFollowsRfc8445()
    {
        const uint g = 2130706431, d = 1694498815;
        Assert.Equal(((ulong)d << 32) + 2UL * g + 1, IcePriority.Pair(g, d));
        Assert.Equal(((ulong)d << 32) + 2UL * g, IcePriority.Pair(d, g));
        Assert.Equal(((ulong)g << 32) + 2UL * g, IcePriority.Pair(g, g));
    }

    [Fact]
    public void PairPriorityIsTheSameNumberOnBothSides()
    {
        // Each side computes with (controlling, controlled); they must agree to order pairs the same way.
        Assert.Equal(IcePriority.Pair(100, 200), IcePriority.Pair(100, 200));
        Assert.NotEqual(IcePriority.Pair(100, 200), IcePriority.Pair(200, 100));
    }

    [Fact]
    public void GeneratedParametersAreLongEnoughAndIceChars()
    {
        var a = IceParameters.Generate();
        var b = IceParameters.Generate();
        Assert.Equal(8, a.UsernameFragment.Length);
        Assert.Equal(24, a.Password.Length);
        Assert.NotEqual(a, b);
        Assert.All(a.UsernameFragment + a.Password, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'));
        Assert.DoesNotContain(a.Password, a.ToString());
    }

    [Theory]
    [InlineData("stun:127.0.0.1:3478", "127.0.0.1", 3478)]
    [InlineData("127.0.0.1:19302", "127.0.0.1", 19302)]
    [InlineData("stun.example.org", "stun.example.org", 3478)]
    [InlineData("[2001:db8::1]:5000", "2001:db8::1", 5000)]
    [InlineData("2001:db8::1", "2001:db8::1", 3478)]
    [InlineData("stun:stun.example.org:3479?transport=udp", "stun.example.org", 3479)]
    public void StunServerEntriesParse(string entry, string host, int port) =>
        Assert.Equal((host, port), IceAgent.ParseStunServer(entry));

    [Theory]
    [InlineData("turn:1.2.3.4:3478")]
    [InlineData("stuns:1.2.3.4")]
    [InlineData("1.2.3.4:0")]
    [InlineData("1.2.3.4:http")]
    [InlineData(":3478")]
    public void BadStunServerEntriesAreRejected(string entry) =>
        Assert.Throws<FormatException>(() => IceAgent.ParseStunServer(entry));
}
