namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Reading a peer's description the JSEP way: which m-line carries the transport, what it says.</summary>
public sealed class RemoteDescriptionInfoTests
{
    [Fact]
    public void ChromiumDataOffer()
    {
        var info = RemoteDescriptionInfo.Read(FixtureFiles.Parse(FixtureFiles.ChromiumDataOffer));
        Assert.Equal("HkzF", info.IceUfrag);
        Assert.Equal("lUO1Ip9BiGjHOyy0rkuOlNAD", info.IcePwd);
        Assert.StartsWith("sha-256 F7:39:", info.Fingerprint);
        Assert.Equal("actpass", info.Setup);
        Assert.Equal(2, info.Candidates.Count);
        Assert.False(info.EndOfCandidates);
        Assert.False(info.IceLite);
        Assert.Equal(new RemoteDataChannelInfo("0", 5000, 262144, false), info.DataChannel);
        Assert.Null(info.Audio);
    }

    [Fact]
    public void ChromiumLegacyAnswerWithoutMaxMessageSizeMeans64KiB()
    {
        var info = RemoteDescriptionInfo.Read(FixtureFiles.Parse(FixtureFiles.ChromiumAnswerToAiortcData));
        Assert.Equal(new RemoteDataChannelInfo("0", 5000, 65536, true), info.DataChannel);
        Assert.Equal("active", info.Setup);
    }

    [Fact]
    public void ChromiumAudioOffer()
    {
        var info = RemoteDescriptionInfo.Read(FixtureFiles.Parse(FixtureFiles.ChromiumAudioDataOffer));
        var audio = Assert.IsType<RemoteAudioInfo>(info.Audio);
        Assert.Equal("0", audio.Mid);
        Assert.Equal(111, audio.OpusPayloadType);
        Assert.Equal("sendrecv", audio.Direction);
        Assert.Equal("1", audio.OpusParameters["useinbandfec"]);
        Assert.Equal([1714225753u], audio.Ssrcs);
        Assert.True(audio.RtcpMux);
        // The transport is the BUNDLE tag's (mid 0): its candidates, not the data m-line's.
        Assert.All(info.Candidates, c => Assert.DoesNotContain(" 46401 ", c));
        Assert.Equal("1", info.DataChannel!.Mid);
    }

    [Fact]
    public void AiortcAudioOfferUsesTheBundleTagsCredentials()
    {
        var offer = FixtureFiles.Parse(FixtureFiles.AiortcAudioDataOffer);
        Assert.Equal("gdAc", RemoteDescriptionInfo.Read(offer).IceUfrag);
        Assert.Equal(96, RemoteDescriptionInfo.Read(offer).Audio!.OpusPayloadType);
    }

    [Fact]
    public void WhenWeRejectTheBundleTagTheNextAcceptedSectionCarriesTheTransport()
    {
        // aiortc gives each m-line its own ICE credentials; we reject its audio (mid 0),
        // so the data channel's (mid 1) credentials are the ones to check against.
        var offer = FixtureFiles.Parse(FixtureFiles.AiortcAudioDataOffer);
        var answer = SdpFactory.CreateAnswer(offer, LocalParameters.Create());
        var info = RemoteDescriptionInfo.Read(offer, answer);
        Assert.Equal("oHEa", info.IceUfrag);
        Assert.Equal("8extRPwd4bnzToGeeucYi9", info.IcePwd);
        Assert.Null(info.Audio);
        Assert.Equal(new RemoteDataChannelInfo("1", 5000, 65536, true), info.DataChannel);
    }

    [Fact]
    public void SessionLevelCredentialsAndIceLiteAreUsed()
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ice-lite\r\na=ice-ufrag:sess\r\na=ice-pwd:sessionpassword0123456\r\n" +
                   "a=fingerprint:sha-256 AA:BB\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:0\r\na=sctp-port:5001\r\n";
        var info = RemoteDescriptionInfo.Read(SessionDescription.Parse(text));
        Assert.True(info.IceLite);
        Assert.Equal("sess", info.IceUfrag);
        Assert.Null(info.Setup);
        Assert.Equal(5001, info.DataChannel!.SctpPort);
    }

    [Theory]
    [InlineData("a=ice-pwd:p\r\na=fingerprint:sha-256 AA\r\n", "ice-ufrag")]
    [InlineData("a=ice-ufrag:u\r\na=fingerprint:sha-256 AA\r\n", "ice-pwd")]
    [InlineData("a=ice-ufrag:u\r\na=ice-pwd:p\r\n", "fingerprint")]
    public void MissingEssentialsAreNamed(string attributes, string missing)
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n" + attributes;
        var e = Assert.Throws<SdpNegotiationException>(() => RemoteDescriptionInfo.Read(SessionDescription.Parse(text)));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void AllRejectedIsRefused()
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n";
        Assert.Throws<SdpNegotiationException>(() => RemoteDescriptionInfo.Read(SessionDescription.Parse(text)));
    }

    [Fact]
    public void DataChannelWithoutSctpPortIsRefused()
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n" +
                   "a=ice-ufrag:u\r\na=ice-pwd:p\r\na=fingerprint:sha-256 AA\r\n";
        var e = Assert.Throws<SdpNegotiationException>(() => RemoteDescriptionInfo.Read(SessionDescription.Parse(text)));
        Assert.Contains("sctp-port", e.Message);
    }

    [Fact]
    public void OurOwnOfferReadsBack()
    {
        var local = LocalParameters.Create();
        var offer = SessionDescription.Parse(SdpFactory.CreateOffer(local, new SdpOfferOptions { Audio = LocalParameters.Track() }).ToString());
        var info = RemoteDescriptionInfo.Read(offer);
        Assert.Equal(local.IceUfrag, info.IceUfrag);
        Assert.Equal(local.Candidates, info.Candidates);
        Assert.True(info.EndOfCandidates);
        Assert.Equal(new RemoteDataChannelInfo("0", 5000, 262144, false), info.DataChannel);
        Assert.Equal(111, info.Audio!.OpusPayloadType);
        Assert.Equal([0x1234ABCDu], info.Audio.Ssrcs);
    }
}
