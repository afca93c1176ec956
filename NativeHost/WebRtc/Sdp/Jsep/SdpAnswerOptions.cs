namespace SecureLink.WebRtc.Sdp;

/// <summary>How <see cref="SdpFactory.CreateAnswer"/> answers.</summary>
public sealed class SdpAnswerOptions
{
    /// <summary>Accept an offered audio m-line (with Opus). False rejects it (port 0).</summary>
    public bool AcceptAudio { get; init; }

    /// <summary>Our outgoing audio track when audio is accepted; null answers recvonly (or inactive).</summary>
    public AudioTrackParameters? AudioTrack { get; init; }

    /// <summary>
    /// Our a=setup when the offer says actpass: "active" (we are the DTLS client, what browsers
    /// do and what RFC 8842 recommends) or "passive".
    /// </summary>
    public string SetupForActpassOffer { get; init; } = "active";
}
