namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Every field we rely on, read from SDP that aiortc 1.4 really produced.</summary>
public sealed class AiortcFixtureTests
{
    [Fact]
    public void DataChannelOffer_IsTheLegacyForm()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.AiortcDataOffer);
        Assert.Equal(4005136217UL, sdp.SessionId);
        Assert.Equal(4005136217UL, sdp.SessionVersion);
        Assert.Equal("0.0.0.0", sdp.OriginAddress);
        Assert.Equal("WMS *", sdp.MsidSemantic);
        Assert.Equal(["0"], sdp.BundleMids);
        var m = Assert.Single(sdp.Media);
        Assert.Equal("application", m.Kind);
        Assert.Equal(54280, m.Port);
        Assert.Equal("DTLS/SCTP", m.Protocol);
        Assert.Equal(["5000"], m.Formats);
        Assert.True(m.IsLegacySctp);
        Assert.True(m.IsDataChannel);
        Assert.Equal(new SctpMap(5000, "webrtc-datachannel", 65535), m.SctpMap);
        Assert.Equal(5000, m.SctpPort);
        Assert.Equal(65536, m.MaxMessageSize);
        Assert.Equal("0", m.Mid);
        Assert.Equal("4QU0", m.IceUfrag);
        Assert.Equal("FosuuT0moAVIrCnlpmgKVw", m.IcePwd);
        Assert.Null(m.IceOptions);
        Assert.Equal("sha-256 A2:4E:8D:77:DD:09:81:0D:41:41:08:D5:D1:0E:84:A2:37:31:C2:99:DB:90:A9:73:D7:51:DE:4F:74:FD:FD:6A", m.Fingerprint);
        Assert.Equal("actpass", m.Setup);
        Assert.Equal(4, m.Candidates.Count);
        Assert.True(m.EndOfCandidates);
        Assert.Equal(new SdpConnection("IN", "IP4", "198.18.0.2"), m.EffectiveConnection(sdp));
    }

    [Fact]
    public void AudioOffer_EachSectionHasItsOwnIceCredentials()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.AiortcAudioDataOffer);
        Assert.Equal(["0", "1"], sdp.BundleMids);
        var audio = sdp.Media[0];
        var data = sdp.Media[1];
        Assert.Equal("gdAc", audio.IceUfrag);
        Assert.Equal("rMFSFg0qSFZlLPrEJtIHpF", audio.IcePwd);
        Assert.Equal("oHEa", data.IceUfrag);
        Assert.Equal("8extRPwd4bnzToGeeucYi9", data.IcePwd);
        Assert.Equal(audio.Fingerprint, data.Fingerprint);
        Assert.Equal(["96", "0", "8"], audio.Formats);
        Assert.Equal(new RtpMap(96, "opus", 48000, 2), audio.FindRtpMap("opus", 48000));
        Assert.Empty(audio.Fmtp); // aiortc sends no fmtp for Opus
        Assert.Equal("sendrecv", audio.Direction);
        Assert.True(audio.RtcpMux);
        Assert.Equal([2055835281u], audio.SsrcIds);
        Assert.Equal("7f36744b-7049-4471-8ac1-598f375e8329 145787f9-15d8-4eb9-a8d1-de358e1502ba", audio.Msid);
        Assert.Equal(2, audio.Extmaps.Count);
        Assert.Equal(4, audio.Candidates.Count);
        Assert.Equal(4, data.Candidates.Count);
        Assert.True(data.IsLegacySctp);
        Assert.Equal(5000, data.SctpPort);
    }

    [Fact]
    public void AnswerToChromiumOffer_IsTheModernFormWithSetupActive()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.AiortcAnswerToChromiumData);
        var m = Assert.Single(sdp.Media);
        Assert.Equal("UDP/DTLS/SCTP", m.Protocol);
        Assert.Equal(["webrtc-datachannel"], m.Formats);
        Assert.False(m.IsLegacySctp);
        Assert.Equal(5000, m.SctpPort);
        Assert.Equal(65536, m.MaxMessageSize);
        Assert.Equal("active", m.Setup);
        Assert.Equal("TsLd", m.IceUfrag);
        Assert.Equal("in32K8STkxzp4fzd1OMw1Q", m.IcePwd);
        Assert.Equal(4, m.Candidates.Count);
        Assert.True(m.EndOfCandidates);
    }

    [Fact]
    public void AnswerToChromiumAudioVideoOffer_KeepsEveryMid()
    {
        var sdp = FixtureFiles.Parse(FixtureFiles.AiortcAnswerToChromiumAudioVideoData);
        Assert.Equal(["0", "1", "2"], sdp.Media.Select(m => m.Mid));
        Assert.Equal("sendrecv", sdp.Media[0].Direction);
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), sdp.Media[0].FindRtpMap("opus"));
        Assert.Equal("recvonly", sdp.Media[1].Direction);
        Assert.Equal("apt=96", sdp.Media[1].Fmtp[97]);
        Assert.Equal(3, sdp.Media[1].RtcpFeedbacks.Count(f => f.PayloadType == "96"));
        Assert.Equal(new RtcpFeedback("96", "nack", "pli"), sdp.Media[1].RtcpFeedbacks[1]);
    }
}
