namespace SecureLink.WebRtc.Media;

/// <summary>
/// What negotiation fixed for one audio stream: our SSRC and CNAME (as put in our SDP and in
/// every RTCP SDES), the Opus payload type both sides agreed on, and the SSRCs the peer signalled
/// (informational: the first authenticated SSRC is latched whether signalled or not).
/// </summary>
/// <param name="LocalSsrc">Our SSRC.</param>
/// <param name="Cname">Our RTCP CNAME (random per connection, RFC 7022).</param>
/// <param name="PayloadType">The negotiated Opus payload type.</param>
/// <param name="RemoteSsrcs">SSRCs the peer's description announced (may be empty).</param>
public sealed record AudioStreamSettings(uint LocalSsrc, string Cname, int PayloadType, IReadOnlyList<uint> RemoteSsrcs)
{
    /// <summary>Opus's RTP clock (RFC 7587 §4.1): always 48 kHz, whatever the audio's real rate.</summary>
    public const int ClockRate = 48000;

    /// <summary>
    /// Largest datagram we look at. Opus at its highest rate in 20 ms frames stays far below it;
    /// anything bigger is hostile or broken and is dropped before any crypto runs on it.
    /// </summary>
    public const int MaxDatagramSize = 1500;

    /// <summary>Packets held in <see cref="IRtpAudioChannel.Received"/> before the oldest is dropped (about 5 s of 20 ms frames).</summary>
    public const int ReceiveQueueCapacity = 256;
}
