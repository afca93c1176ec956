using System.Buffers.Binary;
using SecureLink.WebRtc.Sdp;

namespace SecureLink.Rooms.Codes;

/// <summary>
/// Between standard SDP and the code records. Our offer or answer is reduced to what the
/// other SecureLink host cannot know (credentials, fingerprint, candidates, features); the
/// other side rebuilds a standard description with the SDP layer's factory, which our
/// PeerConnection and browsers accept: BUNDLE, a=setup actpass (offer) / active (answer),
/// a data channel m-line with sctp-port 5000 and max-message-size 262144, and an Opus audio
/// m-line when the features say so. A description the record cannot represent faithfully
/// (another SCTP port or message size, a non-SHA-256 fingerprint, a legacy data channel) is
/// refused with <see cref="ArgumentException"/>: it is our own stack's output, so that is a bug.
/// </summary>
public static class CodeSdp
{
    /// <summary>The SCTP port both ends use; carried implicitly.</summary>
    public const int SctpPort = 5000;

    /// <summary>The a=max-message-size both ends advertise; carried implicitly.</summary>
    public const int MaxMessageSize = 262144;

    /// <summary>The Opus payload type of the rebuilt audio m-line.</summary>
    public const int OpusPayloadType = 111;

    /// <summary>What the joiner feeds to RtcPeerConnection.CreateAnswerAsync.</summary>
    public static string OfferFromInvite(InviteRecord invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var local = LocalParameters(invite.RoomId, invite.IceUfrag, invite.IcePwd, invite.DtlsSha256Fingerprint, invite.Candidates);
        var offer = SdpFactory.CreateOffer(local, new SdpOfferOptions());
        AddAudio(offer, local, invite.Features, "actpass");
        return offer.ToString();
    }

    /// <summary>What the creator feeds to RtcPeerConnection.SetRemoteAnswerAsync.</summary>
    public static string AnswerFromReply(ReplyRecord reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var local = LocalParameters(reply.RoomId, reply.IceUfrag, reply.IcePwd, reply.DtlsSha256Fingerprint, reply.Candidates);
        // An answer built against the offer we rebuild from the same features: the same m-lines, mids and BUNDLE group.
        var shape = SdpFactory.CreateOffer(local, new SdpOfferOptions());
        AddAudio(shape, local, reply.Features, "actpass");
        var answer = SdpFactory.CreateAnswer(shape, local, new SdpAnswerOptions());
        if ((reply.Features & CodeFeatures.Audio) != 0)
        {
            // CreateAnswer without a track would answer recvonly; the joiner's host sends and receives.
            answer.Media[1] = SdpFactory.CreateAudioMedia(answer.Media[1].Mid, local, "active", null, "sendrecv", OpusPayloadType);
            if (!answer.BundleMids.Contains(answer.Media[1].Mid!)) answer.BundleMids.Add(answer.Media[1].Mid!);
        }
        return answer.ToString();
    }

    /// <summary>The creator's side: our offer SDP reduced to an invite record.</summary>
    public static InviteRecord InviteFromOffer(string offerSdp, byte[] roomId, ConnectMode mode, IReadOnlyList<string> stun, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(stun);
        var (info, features) = Read(offerSdp, "actpass");
        var candidates = CodeCandidates.FromSdp(info.Candidates, allowServerReflexive: mode == ConnectMode.Internet);
        var invite = new InviteRecord(roomId, mode, info.IceUfrag, info.IcePwd, CodeCandidates.FingerprintBytes(info.Fingerprint),
            candidates, mode == ConnectMode.Internet ? [.. stun] : [], expiresAt) { Features = features };
        InviteCode.Encode(invite); // refuses, with ArgumentException, what no code can carry
        return invite;
    }

    /// <summary>The joiner's side: our answer SDP reduced to a reply record.</summary>
    public static ReplyRecord ReplyFromAnswer(string answerSdp, byte[] roomId)
    {
        var (info, features) = Read(answerSdp, "active");
        var reply = new ReplyRecord(roomId, info.IceUfrag, info.IcePwd, CodeCandidates.FingerprintBytes(info.Fingerprint),
            CodeCandidates.FromSdp(info.Candidates, allowServerReflexive: true)) { Features = features };
        ReplyCode.Encode(reply);
        return reply;
    }

    private static (RemoteDescriptionInfo Info, CodeFeatures Features) Read(string sdp, string expectedSetup)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        RemoteDescriptionInfo info;
        try
        {
            info = RemoteDescriptionInfo.Read(SessionDescription.Parse(sdp));
        }
        catch (Exception e) when (e is FormatException or SdpNegotiationException)
        {
            throw new ArgumentException($"The description cannot become a code: {e.Message}", nameof(sdp), e);
        }
        if (info.Setup != expectedSetup)
            throw new ArgumentException($"The description must say a=setup:{expectedSetup}, not {info.Setup ?? "nothing"}.", nameof(sdp));
        if (info.DataChannel is not { } dc)
            throw new ArgumentException("The description has no data channel m-line.", nameof(sdp));
        if (dc.IsLegacy || dc.SctpPort != SctpPort || dc.MaxMessageSize != MaxMessageSize)
            throw new ArgumentException($"The data channel must be UDP/DTLS/SCTP with sctp-port {SctpPort} and max-message-size {MaxMessageSize}.", nameof(sdp));
        var features = CodeFeatures.DataChannel;
        if (info.Audio is not null) features |= CodeFeatures.Audio;
        return (info, features);
    }

    private static SdpLocalParameters LocalParameters(byte[] roomId, string ufrag, string pwd, byte[] fingerprint, IReadOnlyList<CodeCandidate> candidates)
    {
        RecordRules.CheckCommon(roomId, ufrag, pwd, fingerprint, candidates, CodeFeatures.DataChannel);
        // o= sess-id from the room id: the same record always rebuilds the same text.
        var sessionId = BinaryPrimitives.ReadUInt64BigEndian(roomId) & 0x3FFF_FFFF_FFFF_FFFFUL;
        return new SdpLocalParameters(ufrag, pwd, CodeCandidates.FingerprintSdp(fingerprint), CodeCandidates.ToSdp(candidates))
        {
            SctpPort = SctpPort,
            MaxMessageSize = MaxMessageSize,
            SessionId = sessionId == 0 ? 1 : sessionId,
        };
    }

    private static void AddAudio(SessionDescription description, SdpLocalParameters local, CodeFeatures features, string setup)
    {
        if ((features & CodeFeatures.Audio) == 0) return;
        var mid = description.Media.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        description.Media.Add(SdpFactory.CreateAudioMedia(mid, local, setup, null, "sendrecv", OpusPayloadType));
        description.BundleMids.Add(mid);
    }
}
