namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Every field we rely on, read from SDP that Chromium 156 really produced.</summary>
public sealed class ChromiumFixtureTests
{
    [Fact]
    public void DataChannelOffer_SessionSection()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumDataOffer);
        Assert.Equal(4255351506513773540UL, sdp.SessionId);
        Assert.Equal(2UL, sdp.SessionVersion);
        Assert.Equal("-", sdp.OriginUsername);
        Assert.Equal("127.0.0.1", sdp.OriginAddress);
        Assert.Equal("-", sdp.SessionName);
        Assert.Equal(["0 0"], sdp.Times);
        Assert.Equal(["0"], sdp.BundleMids);
        Assert.Equal("WMS", sdp.MsidSemantic);
        Assert.Contains(sdp.Attributes, a => a.Name == "extmap-allow-mixed" && a.Value is null);
        Assert.False(sdp.IceLite);
        Assert.Null(sdp.IceUfrag); // Chromium puts ICE and DTLS at media level only
    }

    [Fact]
    public void DataChannelOffer_ApplicationSection()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumDataOffer);
        var m = Assert.Single(sdp.Media);
        Assert.Equal("application", m.Kind);
        Assert.Equal(53940, m.Port);
        Assert.Equal("UDP/DTLS/SCTP", m.Protocol);
        Assert.Equal(["webrtc-datachannel"], m.Formats);
        Assert.True(m.IsDataChannel);
        Assert.False(m.IsLegacySctp);
        Assert.Equal(new SdpConnection("IN", "IP4", "198.18.0.1"), m.Connection);
        Assert.Equal("0", m.Mid);
        Assert.Equal("HkzF", m.IceUfrag);
        Assert.Equal("lUO1Ip9BiGjHOyy0rkuOlNAD", m.IcePwd);
        Assert.Equal("trickle", m.IceOptions);
        Assert.Equal("sha-256 F7:39:0D:4A:29:50:64:66:F6:50:34:FA:03:AF:C3:BC:95:D8:77:F1:EC:BD:4F:AA:DC:8E:21:27:F5:B8:1E:22", m.Fingerprint);
        Assert.Equal("actpass", m.Setup);
        Assert.Equal(5000, m.SctpPort);
        Assert.Null(m.SctpMap);
        Assert.Equal(262144, m.MaxMessageSize);
        Assert.Equal(2, m.Candidates.Count);
        Assert.All(m.Candidates, c => Assert.StartsWith("candidate:", c));
        Assert.Contains(m.Candidates, c => c.Contains(" 198.18.0.1 53940 typ host generation 0 network-cost 999"));
        Assert.Contains(m.Candidates, c => c.Contains(" 2001:db8:5e::1 "));
        Assert.False(m.EndOfCandidates); // Chromium never writes it
        Assert.Equal("HkzF", m.EffectiveIceUfrag(sdp));
        Assert.Equal("lUO1Ip9BiGjHOyy0rkuOlNAD", m.EffectiveIcePwd(sdp));
        Assert.Equal("actpass", m.EffectiveSetup(sdp));
    }

    [Fact]
    public void AudioAndDataOffer_AudioSection()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumAudioDataOffer);
        Assert.Equal(["0", "1"], sdp.BundleMids);
        Assert.Equal("WMS 4e67d161-b689-47bc-9096-fc0a4d362d47", sdp.MsidSemantic);
        Assert.Equal(2, sdp.Media.Count);
        var audio = sdp.Media[0];
        Assert.Equal("audio", audio.Kind);
        Assert.Equal(40058, audio.Port);
        Assert.Equal("UDP/TLS/RTP/SAVPF", audio.Protocol);
        Assert.Equal(["111", "63", "9", "0", "8", "13", "110", "126"], audio.Formats);
        Assert.Equal("0", audio.Mid);
        Assert.Equal("sendrecv", audio.Direction);
        Assert.True(audio.RtcpMux);
        Assert.True(audio.RtcpReducedSize);
        Assert.Equal("9 IN IP4 0.0.0.0", audio.Rtcp);
        Assert.Equal("m+nc", audio.IceUfrag);
        Assert.Equal("qt0HVrQamgNztSOehIdOUnmu", audio.IcePwd);
        Assert.Equal("actpass", audio.Setup);
        Assert.Equal(2, audio.Candidates.Count);

        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.RtpMaps[0]);
        Assert.Equal(8, audio.RtpMaps.Count);
        Assert.Equal(new RtpMap(0, "PCMU", 8000, null), audio.RtpMaps.Single(r => r.PayloadType == 0));
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.FindRtpMap("OPUS", 48000));
        Assert.Equal("minptime=10;useinbandfec=1", audio.Fmtp[111]);
        Assert.Equal("111/111", audio.Fmtp[63]);
        Assert.Equal("1", audio.FmtpParameters(111)["useinbandfec"]);
        Assert.Equal("10", audio.FmtpParameters(111)["minptime"]);
        Assert.Equal(new RtcpFeedback("111", "transport-cc", null), Assert.Single(audio.RtcpFeedbacks));

        Assert.Equal(4, audio.Extmaps.Count);
        Assert.Equal(new Extmap(1, null, "urn:ietf:params:rtp-hdrext:ssrc-audio-level", null), audio.Extmaps[0]);
        Assert.Equal("urn:ietf:params:rtp-hdrext:sdes:mid", audio.Extmaps.Single(e => e.Id == 4).Uri);

        Assert.Equal("4e67d161-b689-47bc-9096-fc0a4d362d47 3e6c9ca4-ec14-416c-844d-11eaa9683034", audio.Msid);
        Assert.Equal([1714225753u], audio.SsrcIds);
        Assert.Equal(new SsrcAttribute(1714225753, "cname", "oib+Zinf5SyFSTw2"), audio.Ssrcs[0]);
        Assert.Equal("msid", audio.Ssrcs[1].Name);
        Assert.Equal("4e67d161-b689-47bc-9096-fc0a4d362d47 3e6c9ca4-ec14-416c-844d-11eaa9683034", audio.Ssrcs[1].Value);
    }

    [Fact]
    public void AudioAndDataOffer_DataSection()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumAudioDataOffer);
        var data = sdp.Media[1];
        Assert.True(data.IsDataChannel);
        Assert.Equal("1", data.Mid);
        Assert.Equal(46401, data.Port);
        Assert.Equal("m+nc", data.IceUfrag);
        Assert.Equal(5000, data.SctpPort);
        Assert.Equal(262144, data.MaxMessageSize);
        Assert.Equal(2, data.Candidates.Count);
        Assert.Empty(data.RtpMaps);
    }

    [Fact]
    public void AudioVideoDataOffer_HasThreeBundledSections()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumAudioVideoDataOffer);
        Assert.Equal(["0", "1", "2"], sdp.BundleMids);
        Assert.Equal(["audio", "video", "application"], sdp.Media.Select(m => m.Kind));
        var video = sdp.Media[1];
        Assert.Equal("1", video.Mid);
        Assert.Equal(23, video.Formats.Count);
        Assert.Contains(video.RtpMaps, r => r.Encoding == "VP8" && r.ClockRate == 90000);
        Assert.Contains(video.Attributes, a => a.Name == "ssrc-group" && a.Value!.StartsWith("FID ", StringComparison.Ordinal));
        Assert.Equal(2, video.SsrcIds.Count);
        Assert.True(sdp.Media[2].IsDataChannel);
    }

    [Fact]
    public void AnswerToAiortcLegacyOffer_IsLegacyWithSetupActive()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumAnswerToAiortcData);
        var m = Assert.Single(sdp.Media);
        Assert.Equal("DTLS/SCTP", m.Protocol);
        Assert.True(m.IsLegacySctp);
        Assert.True(m.IsDataChannel);
        Assert.Equal(["5000"], m.Formats);
        Assert.Equal(new SctpMap(5000, "webrtc-datachannel", 65535), m.SctpMap);
        Assert.Equal(5000, m.SctpPort);
        Assert.Null(m.MaxMessageSize); // Chromium's legacy answer omits it: the peer must assume 64 KiB
        Assert.Equal("active", m.Setup);
        Assert.Equal("0", m.Mid);
        Assert.Equal("55yX", m.IceUfrag);
        Assert.Equal("fAwL9hzCuAM/pGIcTNZc6XDQ", m.IcePwd);
        Assert.Equal("sha-256 F5:E3:6F:87:BD:93:E6:56:10:07:61:2E:DA:CC:D5:79:A1:80:B7:AE:21:B8:F8:10:F8:30:A4:35:11:DA:FE:CA", m.Fingerprint);
        Assert.Equal(2, m.Candidates.Count);
    }

    [Fact]
    public void AnswerToAiortcAudioOffer_UsesTheOfferedOpusPayloadType()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.ChromiumAnswerToAiortcAudioData);
        var audio = sdp.Media[0];
        Assert.Equal(["96", "0", "8"], audio.Formats);
        Assert.Equal(new RtpMap(96, "opus", 48000, 2), audio.FindRtpMap("opus"));
        Assert.Equal("minptime=10;useinbandfec=1", audio.Fmtp[96]);
        Assert.Equal("recvonly", audio.Direction);
        Assert.Equal("active", audio.Setup);
        Assert.True(sdp.Media[1].IsLegacySctp);
        Assert.Equal(9, sdp.Media[1].Port);
        Assert.Empty(sdp.Media[1].Candidates); // Chromium lists candidates once per BUNDLE transport
    }
}
