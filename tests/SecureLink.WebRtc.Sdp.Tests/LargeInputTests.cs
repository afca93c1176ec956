namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Large inputs are handled in linear time (no quadratic scans an attacker could trigger).</summary>
public sealed class LargeInputTests
{
    [Theory]
    [InlineData("a=group:BUNDLE 0")]
    [InlineData("a=x-unknown:1")]
    public async Task ManyRepeatedSessionAttributes(string line)
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" + string.Concat(Enumerable.Repeat(line + "\r\n", 200_000));
        // A generous bound that only a quadratic scan (minutes here) could exceed; not a speed test.
        var written = await Task.Run(() => SessionDescription.Parse(text).ToString()).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(text, written);
    }

    [Fact]
    public async Task ManyCandidatesAndRtpMaps()
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" +
                   string.Concat(Enumerable.Range(0, 100_000).Select(i => $"a=candidate:{i} 1 udp 1 198.18.0.1 {i % 65536} typ host\r\na=rtpmap:{i % 128} x/8000\r\n"));
        // A generous bound that only a quadratic scan (minutes here) could exceed; not a speed test.
        var written = await Task.Run(() => SessionDescription.Parse(text).ToString()).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(text, written);
    }

    [Fact]
    public void ObjectInitializerFriendlyMediaDescription()
    {
        var media = new MediaDescription { Mid = "0", SctpPort = 5000 };
        Assert.Equal("application 9 UDP/DTLS/SCTP webrtc-datachannel", media.MediaLine);
        Assert.Equal(5000, media.SctpPort);
    }
}
