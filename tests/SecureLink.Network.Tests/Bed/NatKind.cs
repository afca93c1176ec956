namespace SecureLink.Network.Bed;

/// <summary>
/// The home routers of the Internet scenarios, in RFC 4787 terms (mapping / filtering), as built
/// with nftables in <see cref="Nat"/>. Linux conntrack NAT keeps a flow's source port when it is
/// free, so plain masquerade maps endpoint-independently in practice.
/// </summary>
public enum NatKind
{
    /// <summary>
    /// Endpoint-independent mapping and filtering ("full cone"): masquerade (port kept), plus a
    /// dynamic nft map learned from every outgoing UDP packet (public port → inside address and
    /// port) that forwards any unsolicited packet for that port inside.
    /// </summary>
    EndpointIndependent,

    /// <summary>
    /// Endpoint-independent mapping, address-and-port-dependent filtering ("port-restricted cone"):
    /// plain masquerade; only replies to flows started inside pass. Hole punching works because
    /// each side's check opens the flow the other side's check needs.
    /// </summary>
    PortRestricted,

    /// <summary>
    /// Address-and-port-dependent mapping ("symmetric"): <c>masquerade random,fully-random</c>
    /// draws a new public port for each destination, so the port the STUN server saw is useless
    /// to the peer. Filtering as <see cref="PortRestricted"/>.
    /// </summary>
    Symmetric,
}
