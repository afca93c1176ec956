namespace SecureLink.Rooms.Codes;

/// <summary>
/// Which m-lines the rebuilt SDP holds (the features byte of the record). The m-lines are
/// implicit: both ends are SecureLink hosts, so a bit says "there is a data channel" or
/// "there is an Opus audio m-line" and <see cref="CodeSdp"/> writes the standard lines.
/// A reader that meets a bit it does not know says the code was made by a newer SecureLink.
/// </summary>
[Flags]
public enum CodeFeatures : byte
{
    /// <summary>No m-line (never valid: every session has a data channel).</summary>
    None = 0,

    /// <summary>m=application UDP/DTLS/SCTP webrtc-datachannel, sctp-port 5000, max-message-size 262144.</summary>
    DataChannel = 0x01,

    /// <summary>m=audio UDP/TLS/RTP/SAVPF with Opus 48 kHz (payload type 111), sendrecv, rtcp-mux.</summary>
    Audio = 0x02,

    /// <summary>
    /// The audio m-line comes before the data channel (Chromium's order when a track is added
    /// before the first data channel). Mids are the m-line positions, "0" and "1", either way.
    /// </summary>
    AudioFirst = 0x04,
}
