namespace SecureLink.WebRtc.Sdp;

/// <summary>Names of the attributes the typed WebRTC accessors read and write.</summary>
public static class WebRtcAttributeNames
{
    public const string IceUfrag = "ice-ufrag";
    public const string IcePwd = "ice-pwd";
    public const string IceOptions = "ice-options";
    public const string IceLite = "ice-lite";
    public const string Fingerprint = "fingerprint";
    public const string Setup = "setup";
    public const string Group = "group";
    public const string MsidSemantic = "msid-semantic";
    public const string Mid = "mid";
    public const string SctpPort = "sctp-port";
    public const string MaxMessageSize = "max-message-size";
    public const string SctpMap = "sctpmap";
    public const string Candidate = "candidate";
    public const string EndOfCandidates = "end-of-candidates";
    public const string RtcpMux = "rtcp-mux";
    public const string RtcpReducedSize = "rtcp-rsize";
    public const string Rtcp = "rtcp";
    public const string RtpMap = "rtpmap";
    public const string Fmtp = "fmtp";
    public const string RtcpFeedback = "rtcp-fb";
    public const string Extmap = "extmap";
    public const string Ssrc = "ssrc";
    public const string Msid = "msid";

    /// <summary>The four direction attributes of RFC 8866 §6.7 (sendrecv is the default when none is present).</summary>
    public static IReadOnlyCollection<string> Directions { get; } = ["sendrecv", "sendonly", "recvonly", "inactive"];
}
