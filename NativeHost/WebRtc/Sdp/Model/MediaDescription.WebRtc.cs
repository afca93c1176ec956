using N = SecureLink.WebRtc.Sdp.WebRtcAttributeNames;

namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// Typed views of the media-level WebRTC attributes. Scalars read and write
/// <see cref="Attributes"/> in place; <see cref="Candidates"/>, <see cref="RtpMaps"/> and
/// <see cref="Fmtp"/> are filled on parse and are the source for their attributes when written.
/// </summary>
public sealed partial class MediaDescription
{
    /// <summary>a=mid.</summary>
    public string? Mid
    {
        get => AttributeAccess.Trimmed(Attributes, N.Mid);
        set => AttributeAccess.Set(Attributes, N.Mid, value);
    }

    public string? IceUfrag
    {
        get => AttributeAccess.Trimmed(Attributes, N.IceUfrag);
        set => AttributeAccess.Set(Attributes, N.IceUfrag, value);
    }

    public string? IcePwd
    {
        get => AttributeAccess.Trimmed(Attributes, N.IcePwd);
        set => AttributeAccess.Set(Attributes, N.IcePwd, value);
    }

    /// <summary>a=ice-options value, e.g. "trickle".</summary>
    public string? IceOptions
    {
        get => AttributeAccess.Trimmed(Attributes, N.IceOptions);
        set => AttributeAccess.Set(Attributes, N.IceOptions, value);
    }

    /// <summary>The first a=fingerprint value, "sha-256 AB:CD:...".</summary>
    public string? Fingerprint
    {
        get => AttributeAccess.Trimmed(Attributes, N.Fingerprint);
        set => AttributeAccess.Set(Attributes, N.Fingerprint, value);
    }

    /// <summary>Every media-level a=fingerprint value.</summary>
    public IReadOnlyList<string> Fingerprints => AttributeAccess.All(Attributes, N.Fingerprint, v => v.Trim());

    /// <summary>a=setup: actpass | active | passive | holdconn.</summary>
    public string? Setup
    {
        get => AttributeAccess.Trimmed(Attributes, N.Setup);
        set => AttributeAccess.Set(Attributes, N.Setup, value);
    }

    /// <summary>sendrecv | sendonly | recvonly | inactive, or null when no direction attribute is present.</summary>
    public string? Direction
    {
        get => Attributes.Find(a => N.Directions.Contains(a.Name))?.Name;
        set
        {
            if (value is not null && !N.Directions.Contains(value))
                throw new ArgumentException($"'{value}' is not an SDP direction (sendrecv, sendonly, recvonly, inactive).", nameof(value));
            AttributeAccess.SetAny(Attributes, N.Directions, value ?? "", null, value is null);
        }
    }

    /// <summary>a=rtcp-mux: RTP and RTCP share one port (required by WebRTC).</summary>
    public bool RtcpMux
    {
        get => AttributeAccess.Has(Attributes, N.RtcpMux);
        set => AttributeAccess.SetFlag(Attributes, N.RtcpMux, value);
    }

    /// <summary>a=rtcp-rsize: reduced-size RTCP (RFC 5506) is accepted.</summary>
    public bool RtcpReducedSize
    {
        get => AttributeAccess.Has(Attributes, N.RtcpReducedSize);
        set => AttributeAccess.SetFlag(Attributes, N.RtcpReducedSize, value);
    }

    /// <summary>a=rtcp value, e.g. "9 IN IP4 0.0.0.0".</summary>
    public string? Rtcp
    {
        get => AttributeAccess.Trimmed(Attributes, N.Rtcp);
        set => AttributeAccess.Set(Attributes, N.Rtcp, value);
    }

    /// <summary>a=end-of-candidates: no more candidates will follow (RFC 8838).</summary>
    public bool EndOfCandidates
    {
        get => AttributeAccess.Has(Attributes, N.EndOfCandidates);
        set => AttributeAccess.SetFlag(Attributes, N.EndOfCandidates, value);
    }

    /// <summary>
    /// The candidates, each as the raw text after "a=", e.g. "candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host".
    /// An entry written without the "candidate:" prefix gets it when serialized.
    /// </summary>
    public List<string> Candidates { get; } = [];

    /// <summary>Adds a candidate to <see cref="Candidates"/> and places its attribute now, so it is written where it was added.</summary>
    public void AddCandidate(string candidate)
    {
        Candidates.Add(candidate);
        Attributes.Add(new SdpAttribute(N.Candidate, StripCandidatePrefix(candidate)));
    }

    /// <summary>True for a data channel section: m=application with the webrtc-datachannel format, or the legacy DTLS/SCTP + sctpmap form.</summary>
    public bool IsDataChannel =>
        Kind == "application" && (Formats.Contains("webrtc-datachannel") || SctpMap?.Protocol == "webrtc-datachannel");

    /// <summary>The pre-RFC 8841 form (m=application 9 DTLS/SCTP 5000 + a=sctpmap) that aiortc 1.4 offers.</summary>
    public bool IsLegacySctp => Protocol == "DTLS/SCTP";

    /// <summary>
    /// The SCTP port: a=sctp-port, or in the legacy form the port of a=sctpmap (else the m= format).
    /// Setting it in the legacy form rewrites a=sctpmap and the m= format; otherwise a=sctp-port.
    /// </summary>
    public int? SctpPort
    {
        get
        {
            if (AttributeAccess.Int(Attributes, N.SctpPort) is { } port) return port;
            if (SctpMap is { } map) return map.Port;
            if (IsLegacySctp && Formats.Count > 0 && SdpNumbers.TryPort(Formats[0], out var fromFormat)) return fromFormat;
            return null;
        }
        set
        {
            if (!IsLegacySctp)
            {
                AttributeAccess.Set(Attributes, N.SctpPort, value is { } v ? SdpNumbers.Text(v) : null);
                return;
            }
            if (value is not { } port) { SctpMap = null; return; }
            SctpMap = (SctpMap ?? new SctpMap(port, "webrtc-datachannel", 65535)) with { Port = port };
            Formats.Clear();
            Formats.Add(SdpNumbers.Text(port));
        }
    }

    /// <summary>a=sctpmap (legacy form only).</summary>
    public SctpMap? SctpMap
    {
        get => AttributeAccess.Value(Attributes, N.SctpMap) is { } v ? SctpMap.TryParse(v) : null;
        set => AttributeAccess.Set(Attributes, N.SctpMap, value?.ToString());
    }

    /// <summary>a=max-message-size; null when absent (RFC 8841: then 64 KiB may be assumed; 0 means no limit).</summary>
    public int? MaxMessageSize
    {
        get => Attributes.Find(a => a.Name == N.MaxMessageSize)?.Value is { } v
               && SdpParser.TryMaxMessageSize(v.Trim(), out var n) ? n : null;
        set => AttributeAccess.Set(Attributes, N.MaxMessageSize, value is { } v ? SdpNumbers.Text(v) : null);
    }

    /// <summary>a=rtpmap entries in order; the source for those attributes when serialized.</summary>
    public List<RtpMap> RtpMaps { get; } = [];

    /// <summary>a=fmtp by payload type: 111 → "minptime=10;useinbandfec=1"; the source for those attributes when serialized.</summary>
    public Dictionary<int, string> Fmtp { get; } = [];

    /// <summary>Adds an rtpmap and places its attribute now (so fmtp and rtcp-fb added after it follow it).</summary>
    public void AddRtpMap(RtpMap map)
    {
        RtpMaps.Add(map);
        Attributes.Add(new SdpAttribute(N.RtpMap, map.ToString()));
    }

    /// <summary>Sets the fmtp of a payload type, placing a new attribute now.</summary>
    public void SetFmtp(int payloadType, string parameters)
    {
        if (!Fmtp.ContainsKey(payloadType)) Attributes.Add(new SdpAttribute(N.Fmtp, $"{payloadType} {parameters}"));
        Fmtp[payloadType] = parameters;
    }

    /// <summary>The first rtpmap for <paramref name="encoding"/> (case-insensitive, e.g. "opus"), optionally at a clock rate.</summary>
    public RtpMap? FindRtpMap(string encoding, int? clockRate = null) =>
        RtpMaps.Find(m => string.Equals(m.Encoding, encoding, StringComparison.OrdinalIgnoreCase)
                          && (clockRate is null || m.ClockRate == clockRate));

    /// <summary>The fmtp of <paramref name="payloadType"/> split into key=value pairs (keys lower-case); empty when none.</summary>
    public IReadOnlyDictionary<string, string> FmtpParameters(int payloadType)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!Fmtp.TryGetValue(payloadType, out var text)) return result;
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq < 0) result[pair] = "";
            else result[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return result;
    }

    /// <summary>Every a=rtcp-fb, parsed (malformed ones skipped).</summary>
    public IReadOnlyList<RtcpFeedback> RtcpFeedbacks => AttributeAccess.All(Attributes, N.RtcpFeedback, RtcpFeedback.TryParse);

    /// <summary>Every a=extmap, parsed (malformed ones skipped).</summary>
    public IReadOnlyList<Extmap> Extmaps => AttributeAccess.All(Attributes, N.Extmap, Extmap.TryParse);

    /// <summary>Every a=ssrc line, parsed (malformed ones skipped).</summary>
    public IReadOnlyList<SsrcAttribute> Ssrcs => AttributeAccess.All(Attributes, N.Ssrc, SsrcAttribute.TryParse);

    /// <summary>The distinct SSRCs named by a=ssrc lines, in order of first appearance.</summary>
    public IReadOnlyList<uint> SsrcIds => Ssrcs.Select(s => s.Ssrc).Distinct().ToList();

    /// <summary>a=msid value, "stream-id track-id" (RFC 8830).</summary>
    public string? Msid
    {
        get => AttributeAccess.Trimmed(Attributes, N.Msid);
        set => AttributeAccess.Set(Attributes, N.Msid, value);
    }

    internal static string StripCandidatePrefix(string candidate)
    {
        var text = candidate.Trim();
        if (text.StartsWith("a=", StringComparison.Ordinal)) text = text[2..];
        return text.StartsWith("candidate:", StringComparison.Ordinal) ? text["candidate:".Length..] : text;
    }
}
