namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Malformed required lines give an SdpParseException that names the line.</summary>
public sealed class MalformedInputTests
{
    private const string Head = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    private static SdpParseException Fails(string text) => Assert.Throws<SdpParseException>(() => SessionDescription.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    [InlineData("\n\n\n")]
    public void EmptyInput(string text)
    {
        var e = Fails(text);
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("empty", e.Message);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("{\"type\":\"offer\"}")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n")]
    public void GarbageIsRejectedOnLineOne(string text)
    {
        var e = Fails(text);
        Assert.Equal(1, e.LineNumber);
    }

    [Fact]
    public void MissingVersionLine()
    {
        var e = Fails("o=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("v=0", e.Message);
    }

    [Fact]
    public void WrongVersion() => Assert.Equal(1, Fails("v=1\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n").LineNumber);

    [Theory]
    [InlineData("o=- 1 2 IN IP4", "6 fields")]
    [InlineData("o=- abc 2 IN IP4 127.0.0.1", "session id")]
    [InlineData("o=- 1 -2 IN IP4 127.0.0.1", "session version")]
    [InlineData("o=- 99999999999999999999999 2 IN IP4 127.0.0.1", "session id")]
    public void BadOrigin(string origin, string expected)
    {
        var e = Fails($"v=0\r\n{origin}\r\ns=-\r\nt=0 0\r\n");
        Assert.Equal(2, e.LineNumber);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MissingOriginIsReportedWhereTheSessionSectionEnds()
    {
        var e = Fails("v=0\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n");
        Assert.Equal(4, e.LineNumber);
        Assert.Contains("o=", e.Message);
    }

    [Fact]
    public void MissingTimingAtEnd()
    {
        var e = Fails("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n");
        Assert.Equal(4, e.LineNumber);
        Assert.Contains("t=", e.Message);
    }

    [Theory]
    [InlineData("m=application", "m= must be")]
    [InlineData("m=application 9 UDP/DTLS/SCTP", "m= must be")]
    [InlineData("m=audio nine UDP/TLS/RTP/SAVPF 111", "port")]
    [InlineData("m=audio 70000 UDP/TLS/RTP/SAVPF 111", "port")]
    [InlineData("m=audio -1 UDP/TLS/RTP/SAVPF 111", "port")]
    [InlineData("m=audio 9/x UDP/TLS/RTP/SAVPF 111", "port count")]
    public void BadMediaLine(string line, string expected)
    {
        var e = Fails(Head + line + "\r\na=mid:0\r\n");
        Assert.Equal(5, e.LineNumber);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("a=sctp-port:abc", "sctp-port")]
    [InlineData("a=sctp-port", "sctp-port")]
    [InlineData("a=max-message-size:lots", "max-message-size")]
    [InlineData("a=rtpmap:111", "rtpmap")]
    [InlineData("a=rtpmap:x opus/48000", "rtpmap")]
    [InlineData("a=rtpmap:111 opus", "rtpmap")]
    [InlineData("a=rtpmap:111 opus/fast/2", "rtpmap")]
    [InlineData("a=fmtp:opus minptime=10", "fmtp")]
    [InlineData("a=sctpmap:port webrtc-datachannel", "sctpmap")]
    [InlineData("a=mid:", "mid")]
    [InlineData("a=candidate:", "candidate")]
    [InlineData("a=", "a=")]
    [InlineData("a=:value", "a=")]
    [InlineData("c=IN IP4", "c=")]
    [InlineData("b=AS", "b=")]
    public void BadWebRtcAttributesInMedia(string line, string expected)
    {
        var e = Fails(Head + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n" + line + "\r\n");
        Assert.Equal(6, e.LineNumber);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("no equals sign")]
    [InlineData("=value")]
    [InlineData("ab=c")]
    [InlineData("a")]
    public void LineWithoutTypeEqualsValue(string line)
    {
        var e = Fails(Head + line + "\r\n");
        Assert.Equal(5, e.LineNumber);
        Assert.Contains("<letter>=<value>", e.Message);
    }

    [Fact]
    public void LineNumbersCountLfOnlyInputToo()
    {
        var e = Fails("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9\n");
        Assert.Equal(5, e.LineNumber);
    }

    [Theory]
    [InlineData("v=0")]
    [InlineData("o=- 3 4 IN IP4 127.0.0.1")]
    [InlineData("s=again")]
    [InlineData("t=0 0")]
    public void SessionOnlyLinesInsideMediaSection(string line)
    {
        var e = Fails(Head + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n" + line + "\r\n");
        Assert.Equal(6, e.LineNumber);
    }

    [Fact]
    public void SecondMidInOneSection() =>
        Assert.Equal(7, Fails(Head + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:0\r\na=mid:1\r\n").LineNumber);

    [Fact]
    public void DuplicateFmtpForOnePayloadType() =>
        Assert.Equal(8, Fails(Head + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 a=1\r\na=fmtp:111 b=2\r\n").LineNumber);

    [Theory]
    [MemberData(nameof(FixtureFiles.AllData), MemberType = typeof(FixtureFiles))]
    public void EveryTruncationOfARealDescriptionParsesOrFailsCleanly(string name)
    {
        // Cutting anywhere (mid-line included) must never throw anything but SdpParseException.
        var text = FixtureFiles.Read(name);
        var failures = 0;
        for (var cut = 0; cut < text.Length; cut++)
        {
            try { SessionDescription.Parse(text[..cut]); }
            catch (SdpParseException e)
            {
                failures++;
                Assert.InRange(e.LineNumber, 1, text[..cut].Count(c => c == '\n') + 2);
            }
        }
        Assert.True(failures > 0, "some truncations (before t=) must fail");
    }

    [Fact]
    public void ErrorMessagesQuoteOnlyAShortPrintablePrefix()
    {
        var e = Fails("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio " + new string('9', 5000) + "\u0007 x y\r\n");
        Assert.True(e.Message.Length < 200, e.Message);
        Assert.DoesNotContain('\u0007', e.Message);
    }
}
