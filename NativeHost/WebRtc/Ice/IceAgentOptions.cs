using System.Net;
using SecureLink.WebRtc.Stun;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice;

/// <summary>How an <see cref="IceAgent"/> gathers and checks. Defaults suit a real session; tests shorten the timeouts.</summary>
public sealed class IceAgentOptions
{
    /// <summary>"host:port" or "stun:host:port" ("[v6]:port" for IPv6, port defaults to 3478). EMPTY means no server is ever contacted.</summary>
    public IReadOnlyList<string> StunServers { get; init; } = [];

    /// <summary>Also gather on loopback (browsers do not); tests set this for loopback-only runs.</summary>
    public bool IncludeLoopback { get; init; }

    public bool IncludeIPv6 { get; init; } = true;

    /// <summary>An extra filter on local addresses, applied after the built-in rules.</summary>
    public Func<IPAddress, bool>? AddressFilter { get; init; }

    /// <summary>No pair selected by then (from ConnectAsync) means Failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>RFC 7675: no consent response for this long means Failed (Disconnected after a third of it).</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long GatherAsync waits for STUN servers before returning what it has (added member).</summary>
    public TimeSpan GatherTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Retransmission of server-reflexive queries (added member; RFC 8489 defaults).</summary>
    public StunRetransmission StunRetransmission { get; init; } = StunRetransmission.Rfc8489;

    /// <summary>Retransmission of connectivity checks (added member): shorter than plain STUN, since a pair that does not answer in a few seconds is not worth waiting for.</summary>
    public StunRetransmission CheckRetransmission { get; init; } = new(TimeSpan.FromMilliseconds(250), MaxRequests: 7, LastWaitMultiplier: 6, MaxRto: TimeSpan.FromMilliseconds(1600));

    /// <summary>Ta, the pacing of new checks (RFC 8445 §14.2; added member).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Our ICE credentials (added member). Null (the default) draws fresh ones. A room that lets
    /// a joiner try again with the same invite gives each new agent the credentials of the first.
    /// </summary>
    public IceParameters? LocalParameters { get; init; }

    /// <summary>
    /// The UDP port to bind on each local address (added member); an address not listed, or
    /// null (the default), gets an ephemeral port. Used with <see cref="LocalParameters"/> so a
    /// new agent sits where an invite already told the peer to look.
    /// </summary>
    public IReadOnlyDictionary<IPAddress, int>? LocalPorts { get; init; }

    public ILog Log { get; init; } = NullLog.Instance;
}
