using System.Security.Cryptography;

namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// Builds our JSEP (RFC 8829) offers and answers on top of the generic model: one data
/// channel m-line (RFC 8841), optionally one Opus audio m-line, everything on one BUNDLE
/// transport (RFC 8843), DTLS roles by a=setup (RFC 5763 / 8842). The output is what
/// Chromium and aiortc produce themselves, in the same attribute order.
/// </summary>
public static class SdpFactory
{
    private const string ModernSctpProtocol = "UDP/DTLS/SCTP";
    private const string LegacySctpProtocol = "DTLS/SCTP";
    private const string DataChannelFormat = "webrtc-datachannel";
    private const string AudioProtocol = "UDP/TLS/RTP/SAVPF";

    /// <summary>An offer with one data channel m-line (mid "0"), modern form, a=setup:actpass.</summary>
    public static SessionDescription CreateDataChannelOffer(SdpLocalParameters local) => CreateOffer(local, new SdpOfferOptions());

    /// <summary>An offer with a data channel and/or an audio m-line, all BUNDLEd, a=setup:actpass.</summary>
    public static SessionDescription CreateOffer(SdpLocalParameters local, SdpOfferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IncludeDataChannel && options.Audio is null)
            throw new ArgumentException("An offer needs a data channel or an audio track.", nameof(options));
        var session = NewSession(local, options.Audio);
        if (options.IncludeDataChannel)
            session.Media.Add(CreateDataChannelMedia(NextMid(session), local, "actpass", options.LegacyDataChannel));
        if (options.Audio is { } audio)
        {
            session.Media.Add(CreateAudioMedia(NextMid(session), local, "actpass", audio, audio.Direction,
                audio.OpusPayloadType, AudioProtocol));
        }
        session.BundleMids.AddRange(session.Media.Select(m => m.Mid!));
        return session;
    }

    /// <summary>
    /// Answers <paramref name="offer"/> as a browser would: every offered m-line gets one in the
    /// same order with the same mid. The first data channel m-line is accepted in the offer's
    /// own form (modern sctp-port, or legacy sctpmap); an Opus audio m-line is accepted when
    /// <see cref="SdpAnswerOptions.AcceptAudio"/>; anything else (video, a second data channel,
    /// an m-line outside the BUNDLE group, TCP) is rejected with port 0 and keeps its mid.
    /// Our a=setup is active for an actpass offer (configurable), passive for active, active for passive.
    /// </summary>
    public static SessionDescription CreateAnswer(SessionDescription offer, SdpLocalParameters local, SdpAnswerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        options ??= new SdpAnswerOptions();
        var sendsAudio = options.AcceptAudio && options.AudioTrack is { } t && SendsIn(t.Direction);
        var answer = NewSession(local, sendsAudio ? options.AudioTrack : null);
        var bundled = offer.BundleMids.Count > 0;
        bool haveData = false, haveAudio = false, anyAccepted = false;
        var acceptedMids = new HashSet<string>();

        foreach (var offered in offer.Media)
        {
            // One transport only: with BUNDLE everything in the group shares it; without, only the first m-line can have it.
            var transportOk = !offered.IsRejected && (bundled ? offer.IsBundled(offered.Mid) : !anyAccepted);
            var setup = AnswerSetup(offered.EffectiveSetup(offer), options.SetupForActpassOffer);
            MediaDescription? media = null;
            if (transportOk && setup is not null && offered.Mid is var mid)
            {
                if (!haveData && offered.IsDataChannel && offered.Protocol is ModernSctpProtocol or LegacySctpProtocol)
                {
                    media = CreateDataChannelMedia(mid, local, setup, offered.IsLegacySctp);
                    haveData = true;
                }
                else if (!haveAudio && options.AcceptAudio && offered.Kind == "audio" && IsSavpf(offered.Protocol)
                         && offered.FindRtpMap("opus", 48000) is { } opus)
                {
                    var direction = AnswerDirection(offered.EffectiveDirection(offer), options.AudioTrack);
                    media = CreateAudioMedia(mid, local, setup, SendsIn(direction) ? options.AudioTrack : null,
                        direction, opus.PayloadType, offered.Protocol);
                    haveAudio = true;
                }
            }
            media ??= CreateRejectedMedia(offered, local, setup ?? "active");
            if (!media.IsRejected)
            {
                anyAccepted = true;
                if (media.Mid is { } accepted) acceptedMids.Add(accepted);
            }
            answer.Media.Add(media);
        }
        answer.BundleMids.AddRange(offer.BundleMids.Where(acceptedMids.Contains));
        return answer;
    }

    /// <summary>A data channel m-line: modern (UDP/DTLS/SCTP webrtc-datachannel + a=sctp-port) or legacy (DTLS/SCTP port + a=sctpmap).</summary>
    public static MediaDescription CreateDataChannelMedia(string? mid, SdpLocalParameters local, string setup, bool legacy)
    {
        ArgumentNullException.ThrowIfNull(local);
        var port = SdpNumbers.Text(local.SctpPort);
        var media = legacy
            ? new MediaDescription("application", 9, LegacySctpProtocol, [port])
            : new MediaDescription("application", 9, ModernSctpProtocol, [DataChannelFormat]);
        AddTransport(media, local, setup);
        media.Mid = mid;
        if (legacy) media.SctpMap = new SctpMap(local.SctpPort, DataChannelFormat, 65535);
        else media.SctpPort = local.SctpPort;
        media.MaxMessageSize = local.MaxMessageSize;
        return media;
    }

    /// <summary>
    /// An Opus audio m-line (RFC 7587): rtcp-mux, the direction, and when <paramref name="track"/>
    /// is given (we send) its a=msid and a=ssrc cname/msid lines.
    /// </summary>
    public static MediaDescription CreateAudioMedia(string? mid, SdpLocalParameters local, string setup,
        AudioTrackParameters? track, string direction, int opusPayloadType, string protocol = AudioProtocol)
    {
        ArgumentNullException.ThrowIfNull(local);
        var media = new MediaDescription("audio", 9, protocol, [SdpNumbers.Text(opusPayloadType)]);
        AddTransport(media, local, setup);
        media.Mid = mid;
        media.Direction = direction;
        if (track is not null) media.Msid = $"{track.StreamId} {track.TrackId}";
        media.RtcpMux = true;
        media.AddRtpMap(new RtpMap(opusPayloadType, "opus", 48000, 2));
        media.SetFmtp(opusPayloadType, track?.OpusFmtp ?? "minptime=10;useinbandfec=1");
        if (track is not null)
        {
            media.Attributes.Add(new SdpAttribute(WebRtcAttributeNames.Ssrc, $"{track.Ssrc} cname:{track.Cname}"));
            media.Attributes.Add(new SdpAttribute(WebRtcAttributeNames.Ssrc, $"{track.Ssrc} msid:{track.StreamId} {track.TrackId}"));
        }
        return media;
    }

    /// <summary>
    /// The answer to an m-line we do not take: same kind, protocol and formats, port 0, its mid
    /// kept (JSEP §5.3.1). With <paramref name="local"/> it also carries our ICE credentials,
    /// fingerprint and setup (and for RTP media a=inactive, a=rtcp-mux and the offered rtpmap/fmtp)
    /// but no candidates: aiortc 1.4 refuses any answer m-line, rejected or not, without them.
    /// </summary>
    public static MediaDescription CreateRejectedMedia(MediaDescription offered, SdpLocalParameters? local = null, string? setup = null)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var formats = offered.Formats.Count > 0 ? offered.Formats : ["0"];
        var media = new MediaDescription(offered.Kind, 0, offered.Protocol, formats) { Connection = SdpConnection.Unspecified };
        if (local is not null)
        {
            media.IceUfrag = local.IceUfrag;
            media.IcePwd = local.IcePwd;
            media.Fingerprint = local.Fingerprint;
            media.Setup = setup ?? "active";
        }
        media.Mid = offered.Mid;
        if (offered.Kind is "audio" or "video")
        {
            media.Direction = "inactive";
            media.RtcpMux = true;
            // aiortc 1.4 negotiates codecs even for a port-0 m-line and fails without a common one,
            // so the offered codecs are echoed; a rejected m-line's formats carry no meaning otherwise.
            foreach (var map in offered.RtpMaps) media.AddRtpMap(map);
            foreach (var (pt, parameters) in offered.Fmtp) media.SetFmtp(pt, parameters);
        }
        return media;
    }

    /// <summary>
    /// Our a=setup for an offered one (RFC 5763 §5): actpass → <paramref name="forActpass"/>,
    /// active → passive, passive → active, absent → treated as actpass; holdconn → null (cannot answer).
    /// </summary>
    public static string? AnswerSetup(string? offered, string forActpass = "active") => offered switch
    {
        null or "actpass" => forActpass,
        "active" => "passive",
        "passive" => "active",
        _ => null,
    };

    /// <summary>True when our a=setup makes us the DTLS client (active); passive makes us the server; actpass is not a final role.</summary>
    public static bool IsDtlsClient(string localSetup) => localSetup switch
    {
        "active" => true,
        "passive" => false,
        _ => throw new ArgumentException($"a=setup:{localSetup} is not a final DTLS role (expected active or passive).", nameof(localSetup)),
    };

    /// <summary>Our direction answering an offered one (RFC 8829 §5.3.1): send only if they receive, receive only if they send.</summary>
    public static string AnswerDirection(string offeredDirection, AudioTrackParameters? track)
    {
        var weSend = track is not null && SendsIn(track.Direction);
        var weReceive = track is null || ReceivesIn(track.Direction);
        var send = weSend && ReceivesIn(offeredDirection);
        var receive = weReceive && SendsIn(offeredDirection);
        return (send, receive) switch
        {
            (true, true) => "sendrecv",
            (true, false) => "sendonly",
            (false, true) => "recvonly",
            _ => "inactive",
        };
    }

    private static bool SendsIn(string direction) => direction is "sendrecv" or "sendonly";

    private static bool ReceivesIn(string direction) => direction is "sendrecv" or "recvonly";

    private static bool IsSavpf(string protocol) => protocol is "UDP/TLS/RTP/SAVPF" or "RTP/SAVPF";

    private static string NextMid(SessionDescription session) => SdpNumbers.Text(session.Media.Count);

    private static SessionDescription NewSession(SdpLocalParameters local, AudioTrackParameters? sentTrack)
    {
        ArgumentNullException.ThrowIfNull(local);
        Validate(local);
        var session = new SessionDescription
        {
            SessionId = local.SessionId ?? RandomSessionId(),
            SessionVersion = local.SessionVersion,
        };
        session.Times.Add("0 0");
        // Chromium writes "msid-semantic: WMS" (space after the colon); aiortc and Chromium accept it.
        session.MsidSemantic = sentTrack is null ? "WMS" : $"WMS {sentTrack.StreamId}";
        return session;
    }

    private static void AddTransport(MediaDescription media, SdpLocalParameters local, string setup)
    {
        media.Connection = SdpConnection.Unspecified;
        foreach (var candidate in local.Candidates) media.AddCandidate(candidate);
        if (local.EndOfCandidates) media.EndOfCandidates = true;
        media.IceUfrag = local.IceUfrag;
        media.IcePwd = local.IcePwd;
        if (local.AdvertiseTrickle) media.IceOptions = "trickle";
        media.Fingerprint = local.Fingerprint;
        media.Setup = setup;
    }

    private static void Validate(SdpLocalParameters local)
    {
        if (string.IsNullOrWhiteSpace(local.IceUfrag) || local.IceUfrag.Any(char.IsWhiteSpace))
            throw new ArgumentException("The ICE username fragment must be non-empty with no spaces.", nameof(local));
        if (string.IsNullOrWhiteSpace(local.IcePwd) || local.IcePwd.Any(char.IsWhiteSpace))
            throw new ArgumentException("The ICE password must be non-empty with no spaces.", nameof(local));
        if (local.Fingerprint.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 2)
            throw new ArgumentException("The fingerprint must read \"<hash> <hex>\", e.g. \"sha-256 AB:CD:...\".", nameof(local));
        if (local.SctpPort is < 1 or > 65535)
            throw new ArgumentException("The SCTP port must be 1 to 65535.", nameof(local));
        foreach (var c in local.Candidates)
            if (c.Contains('\r') || c.Contains('\n'))
                throw new ArgumentException("A candidate must be one line.", nameof(local));
    }

    private static ulong RandomSessionId()
    {
        // JSEP §5.2.1: a 64-bit number with the high bit clear; keep it below 2^62 like Chromium.
        var id = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) & 0x3FFF_FFFF_FFFF_FFFFUL;
        return id == 0 ? 1 : id;
    }
}
