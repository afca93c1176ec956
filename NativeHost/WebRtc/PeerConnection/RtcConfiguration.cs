using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc;

/// <summary>How an <see cref="RtcPeerConnection"/> gathers and logs.</summary>
public sealed class RtcConfiguration
{
    /// <summary>"host:port" or "stun:host:port". Empty (the default) means no server is ever contacted: host candidates only.</summary>
    public IReadOnlyList<string> StunServers { get; init; } = [];

    /// <summary>Offer loopback addresses as candidates; off by default, like browsers. Tests that run on loopback only set it.</summary>
    public bool IncludeLoopback { get; init; }

    /// <summary>Optional extra filter on local addresses to gather on (tests pin one address with it).</summary>
    public Func<System.Net.IPAddress, bool>? AddressFilter { get; init; }

    /// <summary>How long ICE may take to find a working pair before the connection fails.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A certificate to use instead of a fresh one (added member). The caller owns it: the
    /// connection does not dispose it. With <see cref="IceParameters"/> and <see cref="LocalPorts"/>
    /// a new connection can stand exactly where an earlier description said (a room's next PIN attempt).
    /// </summary>
    public SecureLink.WebRtc.Dtls.DtlsCertificate? Certificate { get; init; }

    /// <summary>Our ICE credentials instead of fresh ones (added member).</summary>
    public SecureLink.WebRtc.Ice.IceParameters? IceParameters { get; init; }

    /// <summary>The UDP port to bind per local address (added member); others get ephemeral ports.</summary>
    public IReadOnlyDictionary<System.Net.IPAddress, int>? LocalPorts { get; init; }

    /// <summary>RFC 7675 consent timeout (added member): no answer this long means the peer is unreachable.</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Offer (or accept an offered) sendrecv Opus audio m-line beside the data channel (added
    /// member). When both sides negotiate it, <see cref="RtcPeerConnection.AudioChannel"/> carries
    /// the SRTP stream once DTLS is up. Off by default: without it an offered audio m-line is rejected.
    /// </summary>
    public bool Audio { get; init; }

    /// <summary>Where states, sizes and addresses are logged; never content or keys.</summary>
    public ILog Log { get; init; } = NullLog.Instance;
}

/// <summary>The connection as a whole, as in the W3C RTCPeerConnectionState.</summary>
public enum PeerConnectionState { New, Connecting, Connected, Disconnected, Failed, Closed }
