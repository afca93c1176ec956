namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Parse → ToString keeps every line: real browsers' SDP comes back byte for byte.</summary>
public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(FixtureFiles.AllData), MemberType = typeof(FixtureFiles))]
    public void FixtureSerializesBackToTheSameText(string name)
    {
        var text = FixtureFiles.Read(name);
        Assert.Equal(text, SessionDescription.Parse(text).ToString());
    }

    [Theory]
    [MemberData(nameof(FixtureFiles.AllData), MemberType = typeof(FixtureFiles))]
    public void LfOnlyInputParsesTheSameAndIsWrittenWithCrlf(string name)
    {
        var crlf = FixtureFiles.Read(name);
        var lf = crlf.Replace("\r\n", "\n");
        Assert.DoesNotContain("\r", lf);
        Assert.Equal(crlf, SessionDescription.Parse(lf).ToString());
    }

    [Theory]
    [MemberData(nameof(FixtureFiles.AllData), MemberType = typeof(FixtureFiles))]
    public void ParseOfToStringIsEqual(string name)
    {
        var first = FixtureFiles.Parse(name);
        var second = SessionDescription.Parse(first.ToString());
        Assert.Equal(first.Origin, second.Origin);
        Assert.Equal(first.Attributes, second.Attributes);
        Assert.Equal(first.BundleMids, second.BundleMids);
        Assert.Equal(first.Media.Count, second.Media.Count);
        for (var i = 0; i < first.Media.Count; i++)
        {
            var a = first.Media[i];
            var b = second.Media[i];
            Assert.Equal(a.MediaLine, b.MediaLine);
            Assert.Equal(a.Connection, b.Connection);
            Assert.Equal(a.Attributes, b.Attributes);
            Assert.Equal(a.Candidates, b.Candidates);
            Assert.Equal(a.RtpMaps, b.RtpMaps);
            Assert.Equal(a.Fmtp, b.Fmtp);
        }
    }

    [Fact]
    public void UnknownLinesAndAttributesAreKeptInOrder()
    {
        var text = string.Join("\r\n",
            "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "i=session info", "u=http://example.invalid/", "t=0 0",
            "x=an unknown line", "a=zzz-first", "a=group:BUNDLE 0", "a=weird-attr:with:colons and spaces",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "i=media info", "c=IN IP4 0.0.0.0", "b=AS:30",
            "y=unknown media line", "a=mid:0", "a=future-thing", "a=sctp-port:5000", "a=future-value:1 2 3", "") ;
        var sdp = SessionDescription.Parse(text);
        Assert.Equal(new SdpLine('x', "an unknown line"), sdp.OtherLines[2]);
        Assert.Equal(["zzz-first", "group", "weird-attr"], sdp.Attributes.Select(a => a.Name));
        Assert.Equal("with:colons and spaces", sdp.Attributes[2].Value);
        var m = sdp.Media[0];
        Assert.Equal(["AS:30"], m.Bandwidths);
        Assert.Equal(["mid", "future-thing", "sctp-port", "future-value"], m.Attributes.Select(a => a.Name));
        Assert.Equal(text, sdp.ToString());
    }

    [Fact]
    public void AttributeWithEmptyValueStaysDistinctFromAFlag()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=flag\r\na=empty:\r\n";
        var sdp = SessionDescription.Parse(text);
        Assert.Null(sdp.Attributes[0].Value);
        Assert.Equal("", sdp.Attributes[1].Value);
        Assert.Equal(text, sdp.ToString());
    }

    [Fact]
    public void ChromiumMsidSemanticKeepsItsSpace()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumDataOffer);
        Assert.Equal(" WMS", sdp.Attributes.Single(a => a.Name == "msid-semantic").Value);
        Assert.Contains("\r\na=msid-semantic: WMS\r\n", sdp.ToString());
    }
}

/// <summary>Small leniencies for pasted text.</summary>
public sealed class PastedTextTests
{
    [Fact]
    public void ByteOrderMarkAndTrailingSpaceOnVersionAreTolerated()
    {
        var text = FixtureFiles.Read(FixtureFiles.ChromiumDataOffer);
        var sdp = SessionDescription.Parse("\uFEFF" + text.Replace("v=0\r\n", "v=0 \r\n"));
        Assert.Equal("HkzF", sdp.Media[0].IceUfrag);
        Assert.Equal(text, sdp.ToString());
    }
}
