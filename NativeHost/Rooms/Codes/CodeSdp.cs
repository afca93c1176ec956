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
        var local = LocalParameters(invite.RoomId, invite.IceUfrag, invite.IcePwd, invite.DtlsSha256Fingerprint, invite.Candidates, invite.Features);
        return Describe(local, invite.Features, "actpass");
    }

    /// <summary>What the creator feeds to RtcPeerConnection.SetRemoteAnswerAsync: the same m-lines, mids and BUNDLE group as the offer.</summary>
    public static string AnswerFromReply(ReplyRecord reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var local = LocalParameters(reply.RoomId, reply.IceUfrag, reply.IcePwd, reply.DtlsSha256Fingerprint, reply.Candidates, reply.Features);
        return Describe(local, reply.Features, "active");
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
        SessionDescription description;
        RemoteDescriptionInfo info;
        try
        {
            description = SessionDescription.Parse(sdp);
            info = RemoteDescriptionInfo.Read(description);
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
        // The rebuild can only write a data channel and at most one audio m-line, all accepted,
        // bundled, with the positions as mids; anything else would come back different.
        var media = description.Media;
        var shapeOk = media.Count is 1 or 2
            && media.Select((m, i) => !m.IsRejected && m.Mid == Position(i) && description.IsBundled(m.Mid)).All(ok => ok)
            && media.Count(m => m.IsDataChannel) == 1
            && (media.Count == 1 || info.Audio is { Mid: not null } audio && media.Any(m => m.Kind == "audio" && m.Mid == audio.Mid));
        if (!shapeOk)
            throw new ArgumentException("A code carries one data channel m-line and at most one Opus audio m-line, all accepted and bundled, with mids \"0\" and \"1\".", nameof(sdp));
        var features = CodeFeatures.DataChannel;
        if (media.Count == 2) features |= CodeFeatures.Audio | (media[0].Kind == "audio" ? CodeFeatures.AudioFirst : 0);
        return (info, features);
    }

    /// <summary>
    /// The description both ends would write for these features: the factory's session (o=, t=,
    /// msid-semantic) and m-lines, in the recorded order, mids by position, all in one BUNDLE group.
    /// </summary>
    private static string Describe(SdpLocalParameters local, CodeFeatures features, string setup)
    {
        var session = SdpFactory.CreateDataChannelOffer(local);
        var data = SdpFactory.CreateDataChannelMedia(null, local, setup, legacy: false);
        var lines = new List<MediaDescription> { data };
        if ((features & CodeFeatures.Audio) != 0)
        {
            var audio = SdpFactory.CreateAudioMedia(null, local, setup, null, "sendrecv", OpusPayloadType);
            lines.Insert((features & CodeFeatures.AudioFirst) != 0 ? 0 : 1, audio);
        }
        session.Media.Clear();
        session.BundleMids.Clear();
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].Mid = Position(i);
            session.Media.Add(lines[i]);
            session.BundleMids.Add(lines[i].Mid!);
        }
        return session.ToString();
    }

    private static string Position(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static SdpLocalParameters LocalParameters(byte[] roomId, string ufrag, string pwd, byte[] fingerprint,
        IReadOnlyList<CodeCandidate> candidates, CodeFeatures features)
    {
        RecordRules.CheckCommon(roomId, ufrag, pwd, fingerprint, candidates, features);
        // o= sess-id from the room id: the same record always rebuilds the same text.
        var sessionId = BinaryPrimitives.ReadUInt64BigEndian(roomId) & 0x3FFF_FFFF_FFFF_FFFFUL;
        return new SdpLocalParameters(ufrag, pwd, CodeCandidates.FingerprintSdp(fingerprint), CodeCandidates.ToSdp(candidates))
        {
            SctpPort = SctpPort,
            MaxMessageSize = MaxMessageSize,
            SessionId = sessionId == 0 ? 1 : sessionId,
        };
    }
}
