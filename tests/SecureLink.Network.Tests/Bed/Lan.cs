using System.Net;

namespace SecureLink.Network.Bed;

/// <summary>How a <see cref="Lan"/> is built.</summary>
public sealed record LanOptions
{
    public bool V4 { get; init; } = true;
    public bool V6 { get; init; }

    /// <summary>Each peer gets a second interface on a second switch that forwards nothing.</summary>
    public bool DeadSecondNetwork { get; init; }

    /// <summary>Instead of a switch, the two peers are joined by a <see cref="TunWire"/> with this impairment.</summary>
    public Impairment? Wire { get; init; }
}

/// <summary>
/// Two peers on one LAN in 100.64.0.0/24 (and/or 2001:db8:64::/64): each peer namespace has one
/// interface <c>eth0</c> on a bridge in a switch namespace. The switch holds the default gateway
/// (.254 / ::fe) so that anything a peer sent to a third party would really leave its interface
/// and be seen by a capture, then die at the switch (no forwarding there).
/// </summary>
public sealed class Lan : IDisposable
{
    public static readonly IPAddress A4 = IPAddress.Parse("100.64.0.1");
    public static readonly IPAddress B4 = IPAddress.Parse("100.64.0.2");
    public static readonly IPAddress A6 = IPAddress.Parse("2001:db8:64::1");
    public static readonly IPAddress B6 = IPAddress.Parse("2001:db8:64::2");
    private readonly BedParts _parts = new();

    private Lan() { }

    public Netns A { get; private set; } = null!;
    public Netns B { get; private set; } = null!;
    public TunWire? Wire { get; private set; }

    /// <summary>The switch namespace (null when the peers are joined by a <see cref="TunWire"/>); its ports are <c>pa</c> and <c>pb</c>.</summary>
    public Netns? Switch { get; private set; }

    public static Lan Create(LanOptions options) =>
        BedParts.Build(new Lan(), lan => lan.Build(options));

    private T Own<T>(T part) where T : IDisposable => _parts.Own(part);

    private void Build(LanOptions o)
    {
        A = Own(Netns.Create("a"));
        B = Own(Netns.Create("b"));
        if (o.Wire is { } impairment)
        {
            Wire = Own(new TunWire(A, "eth0", o.V4 ? "100.64.0.1" : "2001:db8:64::1", B, "eth0", o.V4 ? "100.64.0.2" : "2001:db8:64::2", impairment));
            foreach (var p in new[] { A, B })
                p.Ip(o.V4 ? "-4" : "-6", "route", "add", "default", "dev", "eth0");
            return;
        }
        var sw = Switch = Own(Netns.Create("sw"));
        // No snooping, so the switch sends no IGMP/MLD queries: any multicast report in a
        // capture then comes from the peer itself.
        sw.Ip("link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
        sw.Ip("link", "set", "br0", "up");
        Plug(sw, "br0", A, "eth0", "pa");
        Plug(sw, "br0", B, "eth0", "pb");
        if (o.V4)
        {
            Veth.Address(sw, "br0", "100.64.0.254/24");
            Veth.Address(A, "eth0", "100.64.0.1/24");
            Veth.Address(B, "eth0", "100.64.0.2/24");
            A.Ip("route", "add", "default", "via", "100.64.0.254");
            B.Ip("route", "add", "default", "via", "100.64.0.254");
        }
        if (o.V6)
        {
            Veth.Address(sw, "br0", "2001:db8:64::fe/64");
            Veth.Address(A, "eth0", "2001:db8:64::1/64");
            Veth.Address(B, "eth0", "2001:db8:64::2/64");
            A.Ip("-6", "route", "add", "default", "via", "2001:db8:64::fe");
            B.Ip("-6", "route", "add", "default", "via", "2001:db8:64::fe");
        }
        if (o.DeadSecondNetwork)
        {
            var dead = Own(Netns.Create("sw2"));
            dead.Ip("link", "add", "br1", "type", "bridge", "mcast_snooping", "0");
            dead.Ip("link", "set", "br1", "up");
            Nft.DeadSwitch(dead);
            Plug(dead, "br1", A, "eth1", "pa");
            Plug(dead, "br1", B, "eth1", "pb");
            Veth.Address(A, "eth1", "100.64.9.1/24");
            Veth.Address(B, "eth1", "100.64.9.2/24");
        }
    }

    private static void Plug(Netns sw, string bridge, Netns peer, string peerIf, string swIf)
    {
        Veth.Connect(peer, peerIf, sw, swIf);
        sw.Ip("link", "set", "dev", swIf, "master", bridge);
    }

    public void Dispose() => _parts.Dispose();
}
