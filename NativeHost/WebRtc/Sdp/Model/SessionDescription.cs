namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// An SDP session description (RFC 8866): the session section and its media sections.
/// This part is the generic model; the WebRTC attributes (ICE, DTLS, BUNDLE) are typed
/// views declared in SessionDescription.WebRtc.cs over the same <see cref="Attributes"/>.
/// Lines and attributes the model does not know are kept in order and written back, and
/// are otherwise ignored.
/// </summary>
public sealed partial class SessionDescription
{
    /// <summary>o= user name; "-" in WebRTC.</summary>
    public string OriginUsername { get; set; } = "-";

    /// <summary>o= sess-id. JSEP asks for a random 62-bit number.</summary>
    public ulong SessionId { get; set; }

    /// <summary>o= sess-version; incremented each time a description is changed.</summary>
    public ulong SessionVersion { get; set; } = 2;

    public string OriginNetworkType { get; set; } = "IN";

    public string OriginAddressType { get; set; } = "IP4";

    /// <summary>o= unicast address; browsers put 127.0.0.1 there, it carries no meaning.</summary>
    public string OriginAddress { get; set; } = "127.0.0.1";

    /// <summary>The whole o= value.</summary>
    public string Origin =>
        $"{OriginUsername} {SessionId} {SessionVersion} {OriginNetworkType} {OriginAddressType} {OriginAddress}";

    /// <summary>s= value; "-" in WebRTC.</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>Session-level c= line, if any.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Session-level b= values ("AS:30"), in order.</summary>
    public List<string> Bandwidths { get; } = [];

    /// <summary>t= values ("0 0"), in order. Written as "t=0 0" when empty.</summary>
    public List<string> Times { get; } = [];

    /// <summary>Session-level lines the model does not interpret (i=, u=, e=, p=, r=, z=, k=, unknown letters), in order.</summary>
    public List<SdpLine> OtherLines { get; } = [];

    /// <summary>Every session-level attribute as (Name, Value), in order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>The o= and c= lines as parsed, written back verbatim while the typed fields still say the same (leading zeros, extra spaces).</summary>
    internal ParsedLine? ParsedOrigin { get; set; }

    internal ParsedLine? ParsedConnection { get; set; }

    /// <summary>The media sections (m= lines), in order.</summary>
    public List<MediaDescription> Media { get; } = [];

    /// <summary>
    /// Parses SDP text with CRLF or LF line endings.
    /// Throws <see cref="SdpParseException"/> (with the 1-based line number) when a required
    /// line is missing or malformed, or a WebRTC attribute this model relies on (rtpmap, fmtp,
    /// sctp-port, sctpmap, max-message-size, mid) cannot be read. No other exception escapes
    /// for any input string.
    /// </summary>
    public static SessionDescription Parse(string sdp) => SdpParser.Parse(sdp);

    /// <summary>The media section whose a=mid is <paramref name="mid"/>, or null.</summary>
    public MediaDescription? FindMedia(string mid) => Media.Find(m => m.Mid == mid);

    /// <summary>Serializes in RFC 8866 order (v o s i u e p c b t r z k a, then each m section) with CRLF line endings.</summary>
    public override string ToString() => SdpWriter.Write(this);
}
