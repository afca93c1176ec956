namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// One media section: the m= line and what follows it up to the next m= line.
/// This part is the generic model; typed WebRTC attributes are in MediaDescription.WebRtc.cs.
/// </summary>
public sealed partial class MediaDescription
{
    /// <summary>An empty data channel section (m=application 9 UDP/DTLS/SCTP webrtc-datachannel), for object initializers.</summary>
    public MediaDescription()
        : this("application", 9, "UDP/DTLS/SCTP", ["webrtc-datachannel"])
    {
    }

    public MediaDescription(string kind, int port, string protocol, IEnumerable<string> formats)
    {
        Kind = kind;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary>"application", "audio", "video", ...</summary>
    public string Kind { get; set; }

    /// <summary>The m= port; 0 marks a rejected (or bundle-only) section, 9 is the WebRTC placeholder.</summary>
    public int Port { get; set; }

    /// <summary>The optional "/count" after the port (multicast layering); null when absent.</summary>
    public int? PortCount { get; set; }

    /// <summary>"UDP/DTLS/SCTP", "DTLS/SCTP", "UDP/TLS/RTP/SAVPF", ...</summary>
    public string Protocol { get; set; }

    /// <summary>The m= formats: "webrtc-datachannel", "5000" (legacy SCTP), payload types "111".</summary>
    public List<string> Formats { get; }

    /// <summary>Media-level c= line, if any.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Media-level b= values, in order.</summary>
    public List<string> Bandwidths { get; } = [];

    /// <summary>Media-level lines the model does not interpret (i=, k=, unknown letters), in order.</summary>
    public List<SdpLine> OtherLines { get; } = [];

    /// <summary>
    /// Every media-level attribute as (Name, Value), in order. For candidate, rtpmap and fmtp
    /// the typed <see cref="Candidates"/>, <see cref="RtpMaps"/> and <see cref="Fmtp"/> are the
    /// source when serializing: the k-th such attribute is written from the k-th typed entry.
    /// </summary>
    public List<SdpAttribute> Attributes { get; } = [];

    internal ParsedLine? ParsedMediaLine { get; set; }

    internal ParsedLine? ParsedConnection { get; set; }

    /// <summary>True when the port is 0: the section was rejected (or is bundle-only).</summary>
    public bool IsRejected => Port == 0;

    /// <summary>The m= value.</summary>
    public string MediaLine
    {
        get
        {
            var port = PortCount is { } c ? $"{Port}/{c}" : SdpNumbers.Text(Port);
            return Formats.Count == 0 ? $"{Kind} {port} {Protocol}" : $"{Kind} {port} {Protocol} {string.Join(' ', Formats)}";
        }
    }
}
