namespace SecureLink.WebRtc.Ice.Tests;

public sealed class IceCandidateTests
{
    [Fact]
    public void ChromiumHostLineParses()
    {
        var c = IceCandidate.Parse("candidate:1234 1 udp 2122260223 198.18.0.1 54321 typ host generation 0 ufrag abcd network-id 1 network-cost 50");
        Assert.Equal(new IceCandidate("1234", 1, "udp", 2122260223, "198.18.0.1", 54321, IceCandidateType.Host), c);
    }

    [Fact]
    public void SrflxWithRelatedAddressParsesAndFormats()
    {
        const string line = "candidate:842163049 1 udp 1677729535 203.0.113.7 61234 typ srflx raddr 198.18.0.1 rport 54321";
        var c = IceCandidate.Parse("a=" + line + " generation 0 network-cost 999");
        Assert.Equal(IceCandidateType.ServerReflexive, c.Type);
        Assert.Equal("198.18.0.1", c.RelatedAddress);
        Assert.Equal(54321, c.RelatedPort);
        Assert.Equal(line, c.ToSdpAttributeValue());
    }

    [Fact]
    public void AiortcLinesParse()
    {
        // aioice writes the transport in upper case and a hex foundation.
        var c = IceCandidate.Parse("candidate:0ee9b2d4fd50cd2a1e9a7e1cc1a13f0c 1 UDP 2130706431 198.18.0.2 44231 typ host");
        Assert.Equal("udp", c.Protocol);
        Assert.Equal(44231, c.Port);
        var tcp = IceCandidate.Parse("candidate:7 1 TCP 1694498815 198.18.0.2 9 typ host tcptype active");
        Assert.Equal("tcp", tcp.Protocol);
    }

    [Fact]
    public void MdnsAndIPv6NamesParse()
    {
        var m = IceCandidate.Parse("candidate:3 1 udp 2122262783 3f1a7c2e-6a1b-4c7e-9c1d-2b1e5d6f7a8b.local 50123 typ host generation 0");
        Assert.True(m.IsMdnsName);
        Assert.Null(m.TryGetEndPoint());
        var v6 = IceCandidate.Parse("candidate:4 1 udp 2122262783 2001:db8:5e::1 50124 typ host");
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, v6.TryGetEndPoint()!.AddressFamily);
        Assert.Equal(v6, IceCandidate.Parse(v6.ToSdpAttributeValue()));
    }

    [Fact]
    public void FormatMatchesContractExample()
    {
        var c = new IceCandidate("1", 1, "udp", 2122260223, "198.18.0.1", 50000, IceCandidateType.Host);
        Assert.Equal("candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host", c.ToSdpAttributeValue());
    }

    [Theory]
    [InlineData("", "at least 8 fields")]
    [InlineData("candidate:1 1 udp 5 1.2.3.4 70000 typ host", "port")]
    [InlineData("candidate:1 x udp 5 1.2.3.4 7 typ host", "component")]
    [InlineData("candidate:1 1 sctp 5 1.2.3.4 7 typ host", "transport")]
    [InlineData("candidate:1 1 udp -5 1.2.3.4 7 typ host", "priority")]
    [InlineData("candidate:1 1 udp 5 1.2.3.4 7 type host", "typ")]
    [InlineData("candidate:1 1 udp 5 1.2.3.4 7 typ weird", "type")]
    [InlineData("candidate:1 1 udp 5 bad_addr! 7 typ host", "address")]
    [InlineData("candidate:f@o 1 udp 5 1.2.3.4 7 typ host", "foundation")]
    [InlineData("candidate:1 1 udp 5 1.2.3.4 7 typ srflx raddr", "no value")]
    public void BadLinesThrowClearFormatExceptions(string line, string mentions)
    {
        var e = Assert.ThrowsAny<FormatException>(() => IceCandidate.Parse(line));
        Assert.Contains(mentions, e.Message);
        Assert.False(IceCandidate.TryParse(line, out _));
    }
}
