namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// What happened to one packet. Everything but <see cref="Ok"/> means "drop it"; the receive
/// side counts each kind on <see cref="SrtpContext"/> instead of throwing, because garbage and
/// replays arrive at line rate and are not exceptional.
/// </summary>
public enum SrtpResult
{
    Ok,

    /// <summary>Not a well-formed RTP/RTCP or SRTP/SRTCP packet (too short, wrong version, bad lengths).</summary>
    Malformed,

    /// <summary>The authentication tag did not verify: forged, corrupted, or keyed differently.</summary>
    AuthFailed,

    /// <summary>Already received, or older than the replay window (RFC 3711 §3.3.2).</summary>
    Replayed,

    /// <summary>The destination span is smaller than the packet plus the profile's overhead.</summary>
    BufferTooSmall,

    /// <summary>The packet index space of this key is used up (2^48 SRTP or 2^31 SRTCP packets); rekey.</summary>
    KeyExhausted,
}
