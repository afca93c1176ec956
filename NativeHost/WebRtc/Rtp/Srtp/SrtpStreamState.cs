namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// What a direction remembers about one SSRC (RFC 3711 §3.2.3): ROC and replay list for SRTP,
/// next or highest index and replay list for SRTCP. A class so the dictionary hands out a
/// reference the context updates in place.
/// </summary>
internal sealed class SrtpStreamState
{
    public SrtpRolloverCounter Rollover;
    public SrtpReplayWindow RtpReplay;
    public SrtpReplayWindow RtcpReplay;

    /// <summary>Sender: the index the next SRTCP packet carries (starts at 0, §3.4).</summary>
    public uint NextRtcpIndex;
}
