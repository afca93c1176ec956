using System.Net;
using SecureLink.Rooms.Codes;
using SecureLink.WebRtc.Ice;
using SecureLink.WebRtc.Sdp;
using Xunit;

namespace SecureLink.Rooms.Tests.Codes;

public class CodeSdpTests
{
    private static readonly DateTimeOffset Expiry = Samples.Now.AddMinutes(10);

    private static string FactoryOffer(params string[] candidates) =>
        SdpFactory.CreateDataChannelOffer(Samples.Local(candidates)).ToString();

    private static List<(IPAddress, int, IceCandidateType)> Endpoints(IEnumerable<string> lines) =>
        [.. lines.Select(IceCandidate.Parse).Select(c => (IPAddress.Parse(c.Address), c.Port, c.Type))];

    [Fact]
    public void A_Chromium_offer_survives_the_trip_through_an_invite_code()
    {
        var original = RemoteDescriptionInfo.Read(SessionDescription.Parse(ChromiumSdp.DataChannelOffer));
        var invite = CodeSdp.InviteFromOffer(ChromiumSdp.DataChannelOffer, Samples.RoomId, ConnectMode.Offline, [], Expiry);
        var text = InviteCode.Encode(invite);
        var rebuilt = SessionDescription.Parse(CodeSdp.OfferFromInvite(InviteCode.Decode(text, Samples.Now)));
        var info = RemoteDescriptionInfo.Read(rebuilt);

        Assert.Equal(original.IceUfrag, info.IceUfrag);
        Assert.Equal(original.IcePwd, info.IcePwd);
        Assert.Equal(original.Fingerprint, info.Fingerprint);
        Assert.Equal("actpass", info.Setup);
        Assert.Equal(Endpoints(original.Candidates).OrderBy(e => e.ToString()), Endpoints(info.Candidates).OrderBy(e => e.ToString()));
        Assert.True(info.EndOfCandidates);
        var m = Assert.Single(rebuilt.Media);
        Assert.Equal(("application", "UDP/DTLS/SCTP", "webrtc-datachannel"), (m.Kind, m.Protocol, m.Formats.Single()));
        Assert.Equal((5000, 262144), (m.SctpPort, m.MaxMessageSize));
        Assert.Equal("0", m.Mid);
        Assert.Equal(["0"], rebuilt.BundleMids);
    }

    [Fact]
    public void Our_own_answer_to_a_rebuilt_offer_survives_the_trip_through_a_reply_code()
    {
        var invite = CodeSdp.InviteFromOffer(FactoryOffer("candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host"),
            Samples.RoomId, ConnectMode.Offline, [], Expiry);
        var offer = SessionDescription.Parse(CodeSdp.OfferFromInvite(invite));
        // What the joiner's PeerConnection does with the rebuilt offer.
        var joinerLocal = new SdpLocalParameters("Zy9/Xw+1", "ZYXWVUTSRQPONMLKJIHGFEDCBA",
            CodeCandidates_Fingerprint(0x11), ["candidate:7 1 udp 2122260223 198.18.0.2 40000 typ host"]);
        var answer = SdpFactory.CreateAnswer(offer, joinerLocal).ToString();

        var reply = ReplyCode.Decode(ReplyCode.Encode(CodeSdp.ReplyFromAnswer(answer, Samples.RoomId)), Samples.RoomId);
        var rebuilt = SessionDescription.Parse(CodeSdp.AnswerFromReply(reply));
        var info = RemoteDescriptionInfo.Read(rebuilt);
        Assert.Equal(("Zy9/Xw+1", "ZYXWVUTSRQPONMLKJIHGFEDCBA", "active"), (info.IceUfrag, info.IcePwd, info.Setup));
        Assert.Equal(CodeCandidates_Fingerprint(0x11), info.Fingerprint);
        Assert.Equal([(IPAddress.Parse("198.18.0.2"), 40000, IceCandidateType.Host)], Endpoints(info.Candidates));
        Assert.Equal((5000, 262144, false), (info.DataChannel!.SctpPort, info.DataChannel.MaxMessageSize, info.DataChannel.IsLegacy));
        Assert.Equal(offer.Media.Select(m => m.Mid), rebuilt.Media.Select(m => m.Mid));
        Assert.Equal(offer.BundleMids, rebuilt.BundleMids);
    }

    [Fact]
    public void Rebuilding_is_deterministic()
    {
        var invite = Samples.InternetInvite(4);
        Assert.Equal(CodeSdp.OfferFromInvite(invite), CodeSdp.OfferFromInvite(InviteCode.Decode(InviteCode.Encode(invite), Samples.Now)));
        Assert.Equal(CodeSdp.AnswerFromReply(Samples.Reply(2)), CodeSdp.AnswerFromReply(Samples.Reply(2)));
    }

    [Fact]
    public void Rebuilt_candidates_have_distinct_foundations_and_priorities_ordered_by_type_then_family()
    {
        var lines = SessionDescription.Parse(CodeSdp.OfferFromInvite(Samples.InternetInvite(4))).Media[0].Candidates;
        var c = lines.Select(IceCandidate.Parse).ToList();
        Assert.Equal(4, c.Select(x => x.Foundation).Distinct().Count());
        Assert.Equal(4, c.Select(x => x.Priority).Distinct().Count());
        Assert.All(c, x => Assert.Equal((1, "udp"), (x.Component, x.Protocol)));
        var byPriority = c.OrderByDescending(x => x.Priority).Select(x => x.Address).ToList();
        Assert.Equal(["2001:db8:5e::1", "198.18.0.1", "2001:db8:ffff::7", "203.0.113.7"], byPriority);
        Assert.All(c.Where(x => x.Type == IceCandidateType.ServerReflexive), x =>
        {
            Assert.Equal(0, x.RelatedPort);
            Assert.True(IPAddress.Parse(x.RelatedAddress!).Equals(IPAddress.Any) || IPAddress.Parse(x.RelatedAddress!).Equals(IPAddress.IPv6Any));
        });
    }

    [Fact]
    public void Only_candidates_a_peer_can_use_go_into_a_code()
    {
        var offer = FactoryOffer(
            "candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host",
            "candidate:2 1 udp 2122260222 1f2e3d4c-0000-4000-8000-000000000000.local 50001 typ host",
            "candidate:3 1 tcp 1518280447 198.18.0.1 9 typ host tcptype active",
            "candidate:4 2 udp 2122260221 198.18.0.1 50002 typ host",
            "candidate:5 1 udp 41885439 203.0.113.9 3478 typ relay raddr 203.0.113.7 rport 61000",
            "candidate:6 1 udp 2122260220 fe80::1 50003 typ host",
            "candidate:7 1 udp 1686052607 203.0.113.7 61000 typ srflx raddr 198.18.0.1 rport 50000",
            "candidate:8 1 udp 2122260223 198.18.0.1 50000 typ host");
        var offline = CodeSdp.InviteFromOffer(offer, Samples.RoomId, ConnectMode.Offline, ["stun.example:3478"], Expiry);
        Assert.Equal([new CodeCandidate(IPAddress.Parse("198.18.0.1"), 50000, false)], offline.Candidates);
        Assert.Empty(offline.StunServers);
        var internet = CodeSdp.InviteFromOffer(offer, Samples.RoomId, ConnectMode.Internet, ["stun.example:3478"], Expiry);
        Assert.Equal([new CodeCandidate(IPAddress.Parse("198.18.0.1"), 50000, false), new CodeCandidate(IPAddress.Parse("203.0.113.7"), 61000, true)],
            internet.Candidates);
        Assert.Equal(["stun.example:3478"], internet.StunServers);
    }

    [Fact]
    public void Many_candidates_are_capped_keeping_the_highest_priority()
    {
        var lines = Enumerable.Range(0, 20).Select(i => $"candidate:{i} 1 udp {2122260000 + i} 198.18.1.{i + 1} {40000 + i} typ host").ToArray();
        var invite = CodeSdp.InviteFromOffer(FactoryOffer(lines), Samples.RoomId, ConnectMode.Offline, [], Expiry);
        Assert.Equal(CodeLimits.MaxCandidates, invite.Candidates.Count);
        Assert.Equal(Enumerable.Range(8, 12).Reverse().Select(i => 40000 + i), invite.Candidates.Select(c => c.Port));
    }

    [Fact]
    public void Audio_is_carried_as_a_feature_and_rebuilt_as_a_bundled_opus_m_line()
    {
        var local = Samples.Local("candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host");
        var offer = SdpFactory.CreateOffer(local, new SdpOfferOptions { Audio = new AudioTrackParameters(1234, "cname", "s", "t") }).ToString();
        var invite = CodeSdp.InviteFromOffer(offer, Samples.RoomId, ConnectMode.Offline, [], Expiry);
        Assert.Equal(CodeFeatures.DataChannel | CodeFeatures.Audio, invite.Features);

        var rebuilt = SessionDescription.Parse(CodeSdp.OfferFromInvite(InviteCode.Decode(InviteCode.Encode(invite), Samples.Now)));
        Assert.Equal([("application", "0"), ("audio", "1")], rebuilt.Media.Select(m => (m.Kind, m.Mid!)));
        Assert.Equal(["0", "1"], rebuilt.BundleMids);
        var audio = RemoteDescriptionInfo.Read(rebuilt).Audio!;
        Assert.Equal(("sendrecv", 111), (audio.Direction, audio.OpusPayloadType));

        var joiner = SdpFactory.CreateAnswer(rebuilt, Samples.Local("candidate:1 1 udp 2122260223 198.18.0.2 40000 typ host"),
            new SdpAnswerOptions { AcceptAudio = true, AudioTrack = new AudioTrackParameters(99, "c", "s2", "t2") }).ToString();
        var reply = CodeSdp.ReplyFromAnswer(joiner, Samples.RoomId);
        Assert.Equal(CodeFeatures.DataChannel | CodeFeatures.Audio, reply.Features);
        var answer = SessionDescription.Parse(CodeSdp.AnswerFromReply(reply));
        Assert.Equal(["0", "1"], answer.Media.Select(m => m.Mid));
        Assert.All(answer.Media, m => Assert.False(m.IsRejected));
        Assert.Equal("sendrecv", answer.Media[1].Direction);
        Assert.Equal("active", RemoteDescriptionInfo.Read(answer).Setup);
    }

    [Fact]
    public void Descriptions_a_code_cannot_represent_are_refused()
    {
        var local = Samples.Local("candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host");
        var offer = SdpFactory.CreateDataChannelOffer(local);
        Assert.Throws<ArgumentException>(() => Invite(SdpFactory.CreateOffer(local, new SdpOfferOptions { LegacyDataChannel = true }).ToString()));
        Assert.Throws<ArgumentException>(() => Invite(SdpFactory.CreateDataChannelOffer(local with { SctpPort = 5001 }).ToString()));
        Assert.Throws<ArgumentException>(() => Invite(SdpFactory.CreateDataChannelOffer(local with { MaxMessageSize = 65536 }).ToString()));
        Assert.Throws<ArgumentException>(() => Invite(SdpFactory.CreateDataChannelOffer(local with { Fingerprint = "sha-1 " + string.Join(':', Enumerable.Repeat("AB", 20)) }).ToString()));
        Assert.Throws<ArgumentException>(() => Invite(SdpFactory.CreateOffer(local, new SdpOfferOptions { IncludeDataChannel = false, Audio = new AudioTrackParameters(1, "c", "s", "t") }).ToString()));
        Assert.Throws<ArgumentException>(() => Invite(offer.ToString().Replace("a=setup:actpass", "a=setup:active")));
        Assert.Throws<ArgumentException>(() => Invite("v=0\r\nthis is not sdp\r\n"));
        Assert.Throws<ArgumentException>(() => CodeSdp.ReplyFromAnswer(offer.ToString(), Samples.RoomId)); // actpass is no answer
        Assert.Throws<ArgumentException>(() => CodeSdp.InviteFromOffer(offer.ToString(), [1, 2], ConnectMode.Offline, [], Expiry));
    }

    private static InviteRecord Invite(string sdp) => CodeSdp.InviteFromOffer(sdp, Samples.RoomId, ConnectMode.Offline, [], Expiry);

    private static string CodeCandidates_Fingerprint(byte b) => "sha-256 " + string.Join(':', Enumerable.Repeat(b.ToString("X2"), 32));
}

public class CodeSdpShapeTests
{
    private static readonly DateTimeOffset Expiry = Samples.Now.AddMinutes(10);

    private static SdpLocalParameters Local => Samples.Local("candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host");

    [Fact]
    public void Chromiums_audio_first_order_is_kept_so_its_own_answer_matches()
    {
        var invite = CodeSdp.InviteFromOffer(ChromiumSdp.AudioDataChannelOffer, Samples.RoomId, ConnectMode.Offline, [], Expiry);
        Assert.Equal(CodeFeatures.DataChannel | CodeFeatures.Audio | CodeFeatures.AudioFirst, invite.Features);
        var rebuilt = SessionDescription.Parse(CodeSdp.OfferFromInvite(InviteCode.Decode(InviteCode.Encode(invite), Samples.Now)));
        Assert.Equal([("audio", "0"), ("application", "1")], rebuilt.Media.Select(m => (m.Kind, m.Mid!)));
        Assert.Equal(["0", "1"], rebuilt.BundleMids);

        // The joiner answers the rebuilt offer; the creator (Chromium) must get its own m-line order back.
        var answer = SdpFactory.CreateAnswer(rebuilt, Samples.Local("candidate:1 1 udp 2122260223 198.18.0.2 40000 typ host"),
            new SdpAnswerOptions { AcceptAudio = true, AudioTrack = new AudioTrackParameters(5, "c", "s", "t") }).ToString();
        var reply = CodeSdp.ReplyFromAnswer(answer, Samples.RoomId);
        var back = SessionDescription.Parse(CodeSdp.AnswerFromReply(ReplyCode.Decode(ReplyCode.Encode(reply), Samples.RoomId)));
        var original = SessionDescription.Parse(ChromiumSdp.AudioDataChannelOffer);
        Assert.Equal(original.Media.Select(m => (m.Kind, m.Mid)), back.Media.Select(m => (m.Kind, m.Mid)));
        Assert.All(back.Media, m => Assert.Equal("active", m.Setup));
    }

    [Fact]
    public void Audio_first_without_audio_cannot_be_encoded_or_decoded()
    {
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(Samples.OfflineInvite(1) with { Features = CodeFeatures.DataChannel | CodeFeatures.AudioFirst }));
        var forged = Forge.Reseal(InviteCode.Encode(Samples.OfflineInvite(1)), b => b[3] = (byte)(CodeFeatures.DataChannel | CodeFeatures.AudioFirst));
        Assert.Equal(CodeErrors.Malformed, Assert.Throws<CodeException>(() => InviteCode.Decode(forged, Samples.Now)).Detail);
    }

    [Fact]
    public void A_video_m_line_is_refused_rather_than_silently_dropped()
    {
        var offer = SdpFactory.CreateDataChannelOffer(Local);
        var video = new MediaDescription("video", 9, "UDP/TLS/RTP/SAVPF", ["96"]) { Mid = "1" };
        offer.Media.Add(video);
        offer.BundleMids.Add("1");
        Assert.Throws<ArgumentException>(() => Invite(offer.ToString()));
    }

    [Fact]
    public void A_rejected_audio_m_line_is_refused()
    {
        var offer = SdpFactory.CreateOffer(Local, new SdpOfferOptions { Audio = new AudioTrackParameters(1, "c", "s", "t") });
        offer.Media[1].Port = 0;
        offer.BundleMids.Remove("1");
        Assert.Throws<ArgumentException>(() => Invite(offer.ToString()));
    }

    [Fact]
    public void Mids_other_than_positions_are_refused()
    {
        var offer = SdpFactory.CreateDataChannelOffer(Local);
        offer.Media[0].Mid = "data";
        offer.BundleMids.Clear();
        offer.BundleMids.Add("data");
        Assert.Throws<ArgumentException>(() => Invite(offer.ToString()));
    }

    private static InviteRecord Invite(string sdp) => CodeSdp.InviteFromOffer(sdp, Samples.RoomId, ConnectMode.Offline, [], Expiry);
}
