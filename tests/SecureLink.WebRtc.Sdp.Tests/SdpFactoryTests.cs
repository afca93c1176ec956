namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Our offers and answers have the form browsers expect (JSEP, RFC 8841/8843/5763).</summary>
public sealed class SdpFactoryTests
{
    private static readonly SdpLocalParameters Local = LocalParameters.Create();

    [Fact]
    public void DataChannelOffer_HasTheChromiumShape()
    {
        var text = SdpFactory.CreateDataChannelOffer(Local with { SessionId = 4242 }).ToString();
        var expected = string.Join("\r\n",
            "v=0", "o=- 4242 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0", "a=msid-semantic: WMS",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0",
            "a=candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host",
            "a=candidate:2 1 udp 2122262783 2001:db8:5e::1 50001 typ host",
            "a=end-of-candidates", "a=ice-ufrag:aB3dE6gH", "a=ice-pwd:pQ7rS9tU1vW3xY5zA7bC9dE1",
            "a=fingerprint:" + LocalParameters.Fingerprint, "a=setup:actpass", "a=mid:0", "a=sctp-port:5000",
            "a=max-message-size:262144", "");
        Assert.Equal(expected, text);
    }

    [Fact]
    public void OfferSessionIdsAreRandom62BitNumbers()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => SdpFactory.CreateDataChannelOffer(Local).SessionId).ToList();
        Assert.All(ids, id => Assert.True(id is > 0 and < 1UL << 62));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void TrickleIsAdvertisedOnlyWhenAsked()
    {
        Assert.DoesNotContain("ice-options", SdpFactory.CreateDataChannelOffer(Local).ToString());
        var offer = SdpFactory.CreateDataChannelOffer(Local with { AdvertiseTrickle = true, EndOfCandidates = false });
        Assert.Equal("trickle", offer.Media[0].IceOptions);
        Assert.False(offer.Media[0].EndOfCandidates);
    }

    [Fact]
    public void AudioAndDataOffer()
    {
        var offer = SdpFactory.CreateOffer(Local, new SdpOfferOptions { Audio = LocalParameters.Track() });
        var parsed = SessionDescription.Parse(offer.ToString());
        Assert.Equal(["0", "1"], parsed.BundleMids);
        Assert.Equal("WMS stream-a", parsed.MsidSemantic);
        var audio = parsed.Media[1];
        Assert.Equal("audio 9 UDP/TLS/RTP/SAVPF 111", audio.MediaLine);
        Assert.Equal("1", audio.Mid);
        Assert.Equal("sendrecv", audio.Direction);
        Assert.True(audio.RtcpMux);
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), Assert.Single(audio.RtpMaps));
        Assert.Equal("minptime=10;useinbandfec=1", audio.Fmtp[111]);
        Assert.Equal("stream-a track-a", audio.Msid);
        Assert.Equal([0x1234ABCDu], audio.SsrcIds);
        Assert.Equal(new SsrcAttribute(0x1234ABCD, "cname", "securelinkcname"), audio.Ssrcs[0]);
        Assert.Equal("actpass", audio.Setup);
        Assert.Equal(2, audio.Candidates.Count);
    }

    [Fact]
    public void AudioOnlyOffer()
    {
        var offer = SdpFactory.CreateOffer(Local, new SdpOfferOptions { IncludeDataChannel = false, Audio = LocalParameters.Track() });
        Assert.Equal("audio", Assert.Single(offer.Media).Kind);
        Assert.Equal("0", offer.Media[0].Mid);
        Assert.Throws<ArgumentException>(() => SdpFactory.CreateOffer(Local, new SdpOfferOptions { IncludeDataChannel = false }));
    }

    [Fact]
    public void LegacyOfferForm()
    {
        var m = SdpFactory.CreateOffer(Local, new SdpOfferOptions { LegacyDataChannel = true }).Media[0];
        Assert.Equal("application 9 DTLS/SCTP 5000", m.MediaLine);
        Assert.Equal(new SctpMap(5000, "webrtc-datachannel", 65535), m.SctpMap);
        Assert.DoesNotContain(m.Attributes, a => a.Name == "sctp-port");
    }

    [Theory]
    [InlineData("", "pwdpwdpwdpwdpwdpwdpwdpwd", LocalParameters.Fingerprint)]
    [InlineData("a b", "pwdpwdpwdpwdpwdpwdpwdpwd", LocalParameters.Fingerprint)]
    [InlineData("ufrag", "", LocalParameters.Fingerprint)]
    [InlineData("ufrag", "pwdpwdpwdpwdpwdpwdpwdpwd", "AB:CD")]
    public void InvalidLocalParametersAreRefused(string ufrag, string pwd, string fingerprint) =>
        Assert.Throws<ArgumentException>(() => SdpFactory.CreateDataChannelOffer(new SdpLocalParameters(ufrag, pwd, fingerprint, [])));

    [Fact]
    public void CandidateWithALineBreakIsRefused() =>
        Assert.Throws<ArgumentException>(() => SdpFactory.CreateDataChannelOffer(Local with { Candidates = ["candidate:1 1 udp 1 1.2.3.4 5 typ host\r\na=evil"] }));

    [Theory]
    [MemberData(nameof(FixtureFiles.OfferData), MemberType = typeof(FixtureFiles))]
    public void AnswerMirrorsEveryOfferedMidInOrder(string fixture)
    {
        var offer = FixtureFiles.Parse(fixture);
        var answer = SessionDescription.Parse(SdpFactory.CreateAnswer(offer, Local).ToString());
        Assert.Equal(offer.Media.Select(m => m.Mid), answer.Media.Select(m => m.Mid));
        Assert.Equal(offer.Media.Select(m => m.Kind), answer.Media.Select(m => m.Kind));
        var data = Assert.Single(answer.Media, m => !m.IsRejected);
        Assert.True(data.IsDataChannel);
        Assert.Equal("active", data.Setup); // every fixture offer says actpass
        Assert.Equal(Local.IceUfrag, data.IceUfrag);
        Assert.Equal(Local.IcePwd, data.IcePwd);
        Assert.Equal(Local.Fingerprint, data.Fingerprint);
        Assert.Equal(Local.Candidates, data.Candidates);
        Assert.Equal([data.Mid!], answer.BundleMids);
        Assert.All(answer.Media.Where(m => m.IsRejected), m => Assert.Empty(m.Candidates));
    }

    [Theory]
    [InlineData(FixtureFiles.AiortcDataOffer, true)]
    [InlineData(FixtureFiles.AiortcAudioDataOffer, true)]
    [InlineData(FixtureFiles.ChromiumDataOffer, false)]
    [InlineData(FixtureFiles.ChromiumAudioDataOffer, false)]
    [InlineData(FixtureFiles.ChromiumAudioVideoDataOffer, false)]
    public void AnswerUsesTheOffersDataChannelForm(string fixture, bool legacy)
    {
        var answer = SdpFactory.CreateAnswer(FixtureFiles.Parse(fixture), Local);
        var data = answer.Media.Single(m => m.IsDataChannel);
        Assert.Equal(legacy, data.IsLegacySctp);
        Assert.Equal(5000, data.SctpPort);
        Assert.Equal(262144, data.MaxMessageSize);
        if (legacy)
        {
            Assert.Equal("application 9 DTLS/SCTP 5000", data.MediaLine);
            Assert.Equal(new SctpMap(5000, "webrtc-datachannel", 65535), data.SctpMap);
            Assert.DoesNotContain(data.Attributes, a => a.Name == "sctp-port");
        }
        else
        {
            Assert.Equal("application 9 UDP/DTLS/SCTP webrtc-datachannel", data.MediaLine);
            Assert.Null(data.SctpMap);
        }
    }

    [Fact]
    public void VideoIsRejectedWithPortZeroAndKeepsItsMid()
    {
        var offer = FixtureFiles.Parse(FixtureFiles.ChromiumAudioVideoDataOffer);
        var answer = SdpFactory.CreateAnswer(offer, Local, new SdpAnswerOptions { AcceptAudio = true, AudioTrack = LocalParameters.Track() });
        var video = answer.Media[1];
        Assert.Equal(0, video.Port);
        Assert.True(video.IsRejected);
        Assert.Equal("1", video.Mid);
        Assert.Equal(offer.Media[1].Protocol, video.Protocol);
        Assert.Equal(offer.Media[1].Formats, video.Formats);
        Assert.Empty(video.Candidates);
        Assert.Equal("inactive", video.Direction);
        Assert.True(video.RtcpMux); // aiortc 1.4 refuses an RTP m-line without it, even a rejected one
        Assert.Equal(Local.IceUfrag, video.IceUfrag); // likewise ICE credentials and setup
        Assert.Equal("active", video.Setup);
        Assert.Equal(offer.Media[1].RtpMaps, video.RtpMaps); // and it needs a common codec
        Assert.Equal(["0", "2"], answer.BundleMids);
        Assert.Contains("\r\nm=video 0 UDP/TLS/RTP/SAVPF 96 ", answer.ToString());
    }

    [Fact]
    public void AudioIsRejectedUnlessAccepted()
    {
        var answer = SdpFactory.CreateAnswer(FixtureFiles.Parse(FixtureFiles.ChromiumAudioDataOffer), Local);
        Assert.True(answer.Media[0].IsRejected);
        Assert.Equal("0", answer.Media[0].Mid);
        Assert.Equal(["1"], answer.BundleMids);
        Assert.Equal("WMS", answer.MsidSemantic);
    }

    [Fact]
    public void AcceptedAudioAnswersChromiumWithOpus111AndOurTrack()
    {
        var offer = FixtureFiles.Parse(FixtureFiles.ChromiumAudioDataOffer);
        var answer = SessionDescription.Parse(SdpFactory.CreateAnswer(offer, Local,
            new SdpAnswerOptions { AcceptAudio = true, AudioTrack = LocalParameters.Track() }).ToString());
        Assert.Equal(["0", "1"], answer.BundleMids);
        var audio = answer.Media[0];
        Assert.Equal("audio 9 UDP/TLS/RTP/SAVPF 111", audio.MediaLine);
        Assert.Equal("sendrecv", audio.Direction);
        Assert.Equal("active", audio.Setup);
        Assert.True(audio.RtcpMux);
        Assert.Equal("minptime=10;useinbandfec=1", audio.Fmtp[111]);
        Assert.Equal("stream-a track-a", audio.Msid);
        Assert.Equal([0x1234ABCDu], audio.SsrcIds);
        Assert.Equal("WMS stream-a", answer.MsidSemantic);
    }

    [Fact]
    public void AcceptedAudioAnswersAiortcWithItsOpusPayloadType96()
    {
        var answer = SdpFactory.CreateAnswer(FixtureFiles.Parse(FixtureFiles.AiortcAudioDataOffer), Local,
            new SdpAnswerOptions { AcceptAudio = true, AudioTrack = LocalParameters.Track() });
        var audio = answer.Media[0];
        Assert.Equal(["96"], audio.Formats);
        Assert.Equal(new RtpMap(96, "opus", 48000, 2), Assert.Single(audio.RtpMaps));
        Assert.Equal("minptime=10;useinbandfec=1", audio.Fmtp[96]);
    }

    [Fact]
    public void AcceptedAudioWithoutATrackIsReceiveOnlyAndNamesNoSsrc()
    {
        var answer = SdpFactory.CreateAnswer(FixtureFiles.Parse(FixtureFiles.ChromiumAudioDataOffer), Local, new SdpAnswerOptions { AcceptAudio = true });
        var audio = answer.Media[0];
        Assert.Equal("recvonly", audio.Direction);
        Assert.Empty(audio.SsrcIds);
        Assert.Null(audio.Msid);
    }

    [Theory]
    [InlineData("sendrecv", "sendrecv", "sendrecv")]
    [InlineData("sendonly", "sendrecv", "recvonly")]
    [InlineData("recvonly", "sendrecv", "sendonly")]
    [InlineData("inactive", "sendrecv", "inactive")]
    [InlineData("sendrecv", "recvonly", "recvonly")]
    [InlineData("sendrecv", "sendonly", "sendonly")]
    [InlineData("recvonly", "recvonly", "inactive")]
    public void AnswerDirectionIntersectsOfferAndWish(string offered, string wish, string expected) =>
        Assert.Equal(expected, SdpFactory.AnswerDirection(offered, LocalParameters.Track() with { Direction = wish }));

    [Theory]
    [InlineData("actpass", "active")]
    [InlineData(null, "active")]
    [InlineData("active", "passive")]
    [InlineData("passive", "active")]
    [InlineData("holdconn", null)]
    public void AnswerSetup(string? offered, string? expected) => Assert.Equal(expected, SdpFactory.AnswerSetup(offered));

    [Fact]
    public void SetupPreferenceAndActiveOffer()
    {
        var offer = FixtureFiles.Parse(FixtureFiles.ChromiumDataOffer);
        Assert.Equal("passive", SdpFactory.CreateAnswer(offer, Local, new SdpAnswerOptions { SetupForActpassOffer = "passive" }).Media[0].Setup);
        offer.Media[0].Setup = "active";
        Assert.Equal("passive", SdpFactory.CreateAnswer(offer, Local).Media[0].Setup);
        offer.Media[0].Setup = "holdconn";
        Assert.True(SdpFactory.CreateAnswer(offer, Local).Media[0].IsRejected);
        Assert.True(SdpFactory.IsDtlsClient("active"));
        Assert.False(SdpFactory.IsDtlsClient("passive"));
        Assert.Throws<ArgumentException>(() => SdpFactory.IsDtlsClient("actpass"));
    }

    [Fact]
    public void SecondDataChannelTcpAndUnbundledSectionsAreRejected()
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a b\r\n" +
                   "m=application 9 TCP/DTLS/SCTP webrtc-datachannel\r\na=mid:t\r\na=setup:actpass\r\n" +
                   "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:a\r\na=setup:actpass\r\na=sctp-port:5000\r\n" +
                   "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:b\r\na=setup:actpass\r\na=sctp-port:5000\r\n" +
                   "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:c\r\na=rtpmap:111 opus/48000/2\r\n";
        var answer = SdpFactory.CreateAnswer(SessionDescription.Parse(text), Local, new SdpAnswerOptions { AcceptAudio = true });
        Assert.Equal([true, false, true, true], answer.Media.Select(m => m.IsRejected));
        Assert.Equal(["a"], answer.BundleMids);
    }

    [Fact]
    public void WithoutBundleOnlyTheFirstSupportedSectionIsAccepted()
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=setup:actpass\r\n" +
                   "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:0\r\na=sctp-port:5000\r\n" +
                   "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:1\r\na=rtpmap:111 opus/48000/2\r\n";
        var answer = SdpFactory.CreateAnswer(SessionDescription.Parse(text), Local, new SdpAnswerOptions { AcceptAudio = true });
        Assert.Equal([false, true], answer.Media.Select(m => m.IsRejected));
        Assert.Empty(answer.BundleMids);
        Assert.DoesNotContain("BUNDLE", answer.ToString());
    }

    [Fact]
    public void AudioWithoutOpusIsRejected()
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n" +
                   "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=setup:actpass\r\na=rtpmap:0 PCMU/8000\r\n";
        Assert.True(SdpFactory.CreateAnswer(SessionDescription.Parse(text), Local, new SdpAnswerOptions { AcceptAudio = true }).Media[0].IsRejected);
    }
}
