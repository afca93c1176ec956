namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Typed setters change their own line in place and leave every other line alone.</summary>
public sealed class TypedAccessorTests
{
    private static SessionDescription ChromiumAudio() => FixtureFiles.Parse(FixtureFiles.ChromiumAudioDataOffer);

    [Fact]
    public void SettingAScalarReplacesItsLineInPlace()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumDataOffer);
        var m = sdp.Media[0];
        var index = m.Attributes.FindIndex(a => a.Name == "ice-ufrag");
        m.IceUfrag = "abcd";
        m.Setup = "passive";
        Assert.Equal(new SdpAttribute("ice-ufrag", "abcd"), m.Attributes[index]);
        var text = sdp.ToString();
        var expected = FixtureFiles.Read(FixtureFiles.ChromiumDataOffer)
            .Replace("a=ice-ufrag:HkzF", "a=ice-ufrag:abcd").Replace("a=setup:actpass", "a=setup:passive");
        Assert.Equal(expected, text);
    }

    [Fact]
    public void SettingNullRemovesTheLineAndFlagsToggle()
    {
        var sdp = ChromiumAudio();
        var audio = sdp.Media[0];
        audio.IceOptions = null;
        audio.RtcpMux = false;
        audio.EndOfCandidates = true;
        audio.EndOfCandidates = true;
        var reparsed = SessionDescription.Parse(sdp.ToString()).Media[0];
        Assert.Null(reparsed.IceOptions);
        Assert.False(reparsed.RtcpMux);
        Assert.True(reparsed.EndOfCandidates);
        Assert.Single(reparsed.Attributes, a => a.Name == "end-of-candidates");
    }

    [Fact]
    public void DirectionReplacesWhicheverDirectionWasThere()
    {
        var audio = ChromiumAudio().Media[0];
        var index = audio.Attributes.FindIndex(a => a.Name == "sendrecv");
        audio.Direction = "recvonly";
        Assert.Equal(new SdpAttribute("recvonly", null), audio.Attributes[index]);
        Assert.DoesNotContain(audio.Attributes, a => a.Name == "sendrecv");
        Assert.Throws<ArgumentException>(() => audio.Direction = "sideways");
        audio.Direction = null;
        Assert.Null(audio.Direction);
    }

    [Fact]
    public void EffectiveDirectionFallsBackToSessionThenSendRecv()
    {
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=sendonly\r\nm=audio 9 RTP/SAVPF 0\r\nm=audio 9 RTP/SAVPF 0\r\na=inactive\r\n");
        Assert.Equal("sendonly", sdp.Media[0].EffectiveDirection(sdp));
        Assert.Equal("inactive", sdp.Media[1].EffectiveDirection(sdp));
        sdp.Direction = null;
        Assert.Equal("sendrecv", sdp.Media[0].EffectiveDirection(sdp));
    }

    [Fact]
    public void MediaLevelOverridesSessionLevel()
    {
        var text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" +
                   "a=ice-ufrag:sess\r\na=ice-pwd:sessionpassword0123456\r\na=fingerprint:sha-256 AA:BB\r\na=setup:actpass\r\na=ice-options:trickle\r\na=ice-lite\r\n" +
                   "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:0\r\n" +
                   "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:1\r\na=ice-ufrag:med\r\na=ice-pwd:mediapassword012345678\r\na=fingerprint:sha-256 CC:DD\r\na=setup:passive\r\n";
        var sdp = SessionDescription.Parse(text);
        Assert.True(sdp.IceLite);
        var (session, media) = (sdp.Media[0], sdp.Media[1]);
        Assert.Equal("sess", session.EffectiveIceUfrag(sdp));
        Assert.Equal("sess", session.EffectiveUfrag(sdp));
        Assert.Equal("sessionpassword0123456", session.EffectiveIcePwd(sdp));
        Assert.Equal("sha-256 AA:BB", session.EffectiveFingerprint(sdp));
        Assert.Equal("actpass", session.EffectiveSetup(sdp));
        Assert.Equal("trickle", session.EffectiveIceOptions(sdp));
        Assert.Equal("med", media.EffectiveIceUfrag(sdp));
        Assert.Equal("mediapassword012345678", media.EffectivePwd(sdp));
        Assert.Equal("sha-256 CC:DD", media.EffectiveFingerprint(sdp));
        Assert.Equal("passive", media.EffectiveSetup(sdp));
        Assert.Null(sdp.Media[0].Connection);
        Assert.Null(sdp.Media[0].EffectiveConnection(sdp));
    }

    [Fact]
    public void CandidatesEditedInTheListAreWrittenWhereTheOldOnesWere()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.AiortcDataOffer);
        var m = sdp.Media[0];
        m.Candidates.RemoveAt(0);
        m.Candidates[0] = "candidate:x 1 udp 1 198.18.0.9 1234 typ host";
        m.Candidates.Add("1 1 udp 1 198.18.0.7 4321 typ host"); // prefix added on write
        var reparsed = SessionDescription.Parse(sdp.ToString()).Media[0];
        Assert.Equal(4, reparsed.Candidates.Count);
        Assert.Equal("candidate:x 1 udp 1 198.18.0.9 1234 typ host", reparsed.Candidates[0]);
        Assert.Equal("candidate:1 1 udp 1 198.18.0.7 4321 typ host", reparsed.Candidates[3]);
        // still just before end-of-candidates, as aiortc wrote them
        var names = reparsed.Attributes.Select(a => a.Name).ToList();
        Assert.Equal(names.IndexOf("end-of-candidates") - 1, names.LastIndexOf("candidate"));
    }

    [Fact]
    public void RtpMapsAndFmtpEditedInTheCollectionsAreWritten()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.AiortcAudioDataOffer);
        var audio = sdp.Media[0];
        audio.Fmtp[96] = "minptime=10;useinbandfec=1";
        audio.RtpMaps.RemoveAll(r => r.PayloadType == 0);
        audio.Formats.Remove("0");
        var reparsed = SessionDescription.Parse(sdp.ToString()).Media[0];
        Assert.Equal("minptime=10;useinbandfec=1", reparsed.Fmtp[96]);
        Assert.DoesNotContain(reparsed.RtpMaps, r => r.PayloadType == 0);
        var names = reparsed.Attributes.Select(a => a.ToString()).ToList();
        Assert.Equal(names.IndexOf("rtpmap:96 opus/48000/2") + 1, names.IndexOf("fmtp:96 minptime=10;useinbandfec=1"));
        Assert.Equal("96 8", string.Join(' ', reparsed.Formats));
    }

    [Fact]
    public void RemovedFmtpEntryDropsItsLine()
    {
        var sdp = ChromiumAudio();
        sdp.Media[0].Fmtp.Remove(63);
        var reparsed = SessionDescription.Parse(sdp.ToString()).Media[0];
        Assert.False(reparsed.Fmtp.ContainsKey(63));
        Assert.Equal("minptime=10;useinbandfec=1", reparsed.Fmtp[111]);
    }

    [Fact]
    public void BundleMidsAreWrittenBack()
    {
        var sdp = ChromiumAudio();
        sdp.BundleMids.Remove("0");
        Assert.Contains("\r\na=group:BUNDLE 1\r\n", sdp.ToString());
        sdp.BundleMids.Clear();
        Assert.DoesNotContain("BUNDLE", sdp.ToString());
        Assert.False(sdp.IsBundled("1"));
    }

    [Fact]
    public void BundleMidsAddedToADescriptionWithoutAGroupComeFirst()
    {
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=msid-semantic: WMS\r\n");
        sdp.BundleMids.Add("0");
        Assert.EndsWith("t=0 0\r\na=group:BUNDLE 0\r\na=msid-semantic: WMS\r\n", sdp.ToString());
        Assert.Equal(["BUNDLE"], sdp.Groups.Select(g => g.Semantics));
    }

    [Fact]
    public void OnlyTheFirstBundleGroupIsTyped()
    {
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:LS 0 1\r\na=group:BUNDLE 0\r\na=group:BUNDLE 1\r\n");
        Assert.Equal(["0"], sdp.BundleMids);
        Assert.Equal(3, sdp.Groups.Count);
    }

    [Fact]
    public void LegacySctpPortSetterRewritesSctpmapAndFormat()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.AiortcDataOffer);
        var m = sdp.Media[0];
        m.SctpPort = 5001;
        var reparsed = SessionDescription.Parse(sdp.ToString()).Media[0];
        Assert.Equal(5001, reparsed.SctpPort);
        Assert.Equal(["5001"], reparsed.Formats);
        Assert.Equal(new SctpMap(5001, "webrtc-datachannel", 65535), reparsed.SctpMap);
        Assert.DoesNotContain(reparsed.Attributes, a => a.Name == "sctp-port");
    }

    [Fact]
    public void ModernSctpPortAndMaxMessageSize()
    {
        var m = FixtureFiles.Parse(FixtureFiles.ChromiumDataOffer).Media[0];
        m.SctpPort = 5002;
        m.MaxMessageSize = null;
        Assert.Equal(5002, m.SctpPort);
        Assert.Null(m.MaxMessageSize);
        Assert.Contains(new SdpAttribute("sctp-port", "5002"), m.Attributes);
    }

    [Theory]
    [InlineData("1073741823", 1073741823)]
    [InlineData("0", 0)]
    [InlineData("18446744073709551615", int.MaxValue)]
    [InlineData("999999999999999999999999999", int.MaxValue)]
    public void HugeMaxMessageSizesAreClampedNotRejected(string value, int expected)
    {
        var sdp = SessionDescription.Parse($"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=max-message-size:{value}\r\n");
        Assert.Equal(expected, sdp.Media[0].MaxMessageSize);
    }

    [Fact]
    public void MalformedOptionalAttributesAreKeptButSkippedByTheTypedViews()
    {
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" +
                                           "a=ssrc:notanumber cname:x\r\na=extmap:abc urn:x\r\na=rtcp-fb:111\r\na=ssrc:42 cname:ok\r\n");
        var m = sdp.Media[0];
        Assert.Equal([42u], m.SsrcIds);
        Assert.Empty(m.Extmaps);
        Assert.Empty(m.RtcpFeedbacks);
        Assert.Equal(4, m.Attributes.Count);
    }

    [Fact]
    public void ExtmapWithDirectionAndAttributes()
    {
        Assert.Equal(new Extmap(3, "sendonly", "urn:x", "attr"), Extmap.TryParse("3/sendonly urn:x attr"));
        Assert.Equal("3/sendonly urn:x attr", Extmap.TryParse("3/sendonly urn:x attr")!.ToString());
        Assert.Null(Extmap.TryParse("0 urn:x"));
    }

    [Fact]
    public void PortCountSurvives()
    {
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 49170/2 RTP/AVP 0\r\n");
        Assert.Equal(2, sdp.Media[0].PortCount);
        Assert.Equal("audio 49170/2 RTP/AVP 0", sdp.Media[0].MediaLine);
    }

    [Fact]
    public void FindMediaByMid()
    {
        var sdp = ChromiumAudio();
        Assert.Equal("application", sdp.FindMedia("1")!.Kind);
        Assert.Null(sdp.FindMedia("7"));
    }
}
