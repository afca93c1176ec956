namespace SecureLink.WebRtc.Sdp;

/// <summary>What <see cref="SdpFactory.CreateOffer"/> includes.</summary>
public sealed class SdpOfferOptions
{
    /// <summary>Offer one data channel m-line (mid "0"); on by default.</summary>
    public bool IncludeDataChannel { get; init; } = true;

    /// <summary>Offer an audio m-line after the data channel (mid "1" when a data channel is offered, else "0").</summary>
    public AudioTrackParameters? Audio { get; init; }

    /// <summary>
    /// Offer the legacy data channel form (m=application 9 DTLS/SCTP 5000 + a=sctpmap) instead of
    /// RFC 8841's UDP/DTLS/SCTP webrtc-datachannel. Only for talking to very old stacks and for tests.
    /// </summary>
    public bool LegacyDataChannel { get; init; }
}
