namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// What a peer's offer or answer tells our stack, read the JSEP way: the ICE credentials,
/// fingerprint, setup and candidates of the BUNDLE transport (the BUNDLE-tag m-line, else the
/// first accepted one), the data channel's SCTP parameters and the audio parameters.
/// </summary>
public sealed record RemoteDescriptionInfo(
    string IceUfrag,
    string IcePwd,
    bool IceLite,
    string Fingerprint,
    string? Setup,
    IReadOnlyList<string> Candidates,
    bool EndOfCandidates,
    RemoteDataChannelInfo? DataChannel,
    RemoteAudioInfo? Audio)
{
    /// <summary>RFC 8841 §6.1: without a=max-message-size the peer is assumed to take 64 KiB.</summary>
    public const int DefaultMaxMessageSize = 65536;

    /// <summary>
    /// Reads the peer's <paramref name="description"/>; throws <see cref="SdpNegotiationException"/> when it
    /// lacks what a WebRTC session needs. When the description is an OFFER we answered, pass our
    /// <paramref name="localAnswer"/>: m-lines we rejected are then ignored, and the transport is
    /// the one of the first m-line in our answer's BUNDLE group (RFC 8843 §7.3.1: if we reject the
    /// offerer's BUNDLE tag, the next accepted m-line carries the transport; aiortc gives each
    /// m-line its own ICE credentials, so this matters).
    /// </summary>
    public static RemoteDescriptionInfo Read(SessionDescription description, SessionDescription? localAnswer = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        var accepted = description.Media.Where(m => !m.IsRejected).ToList();
        if (localAnswer is not null)
        {
            // Our answer mirrors the offer's m-lines one for one; drop those we answered with port 0.
            accepted = description.Media
                .Where((m, i) => !m.IsRejected && i < localAnswer.Media.Count && !localAnswer.Media[i].IsRejected)
                .ToList();
        }
        if (accepted.Count == 0) throw new SdpNegotiationException("The description has no accepted m-line (every port is 0).");
        var bundle = localAnswer?.BundleMids ?? description.BundleMids;
        var tag = bundle.Count > 0 ? accepted.Find(m => m.Mid == bundle[0]) : null;
        var transport = tag ?? accepted[0];
        var ufrag = transport.EffectiveIceUfrag(description) ?? throw new SdpNegotiationException("The description has no a=ice-ufrag.");
        var pwd = transport.EffectiveIcePwd(description) ?? throw new SdpNegotiationException("The description has no a=ice-pwd.");
        var fingerprint = transport.EffectiveFingerprint(description) ?? throw new SdpNegotiationException("The description has no a=fingerprint.");
        var usable = accepted.Where(m => ReferenceEquals(m, transport) || (m.Mid is { } mid && bundle.Contains(mid))).ToList();

        RemoteDataChannelInfo? data = null;
        if (usable.Find(m => m.IsDataChannel) is { } dc)
        {
            var port = dc.SctpPort ?? throw new SdpNegotiationException("The data channel m-line has no a=sctp-port or a=sctpmap.");
            data = new RemoteDataChannelInfo(dc.Mid, port, dc.MaxMessageSize ?? DefaultMaxMessageSize, dc.IsLegacySctp);
        }
        RemoteAudioInfo? audio = null;
        if (usable.Find(m => m.Kind == "audio") is { } am && am.FindRtpMap("opus", 48000) is { } opus)
        {
            audio = new RemoteAudioInfo(am.Mid, am.EffectiveDirection(description), opus.PayloadType,
                am.FmtpParameters(opus.PayloadType), am.SsrcIds, am.Msid, am.RtcpMux);
        }
        return new RemoteDescriptionInfo(ufrag, pwd, description.IceLite, fingerprint, transport.EffectiveSetup(description),
            [.. transport.Candidates], transport.EndOfCandidates, data, audio);
    }
}

/// <summary>The peer's data channel m-line: SCTP port, the largest message it accepts, and which form it used.</summary>
public sealed record RemoteDataChannelInfo(string? Mid, int SctpPort, int MaxMessageSize, bool IsLegacy);

/// <summary>The peer's audio m-line: its direction (as the peer states it), Opus payload type and fmtp, SSRCs.</summary>
public sealed record RemoteAudioInfo(string? Mid, string Direction, int OpusPayloadType,
    IReadOnlyDictionary<string, string> OpusParameters, IReadOnlyList<uint> Ssrcs, string? Msid, bool RtcpMux);

/// <summary>A well-formed description that cannot set up a WebRTC session (no ICE credentials, no fingerprint, ...).</summary>
public sealed class SdpNegotiationException : Exception
{
    public SdpNegotiationException(string message) : base(message) { }
}
