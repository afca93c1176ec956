using System.Net;

namespace SecureLink.Network.Bed;

/// <summary>
/// Two peers behind two home routers on a "public internet": peer A (100.64.1.2) behind NAT-A
/// (public 198.18.61.1), peer B (100.64.2.2) behind NAT-B (198.18.62.1), both routers linked to
/// a public router namespace that also runs coturn in STUN-only mode at 198.18.50.1:3478. The
/// public router forwards between its links and has no route anywhere else. NAT-A's uplink can
/// be a <see cref="TunWire"/> to give the path delay, jitter and loss.
/// </summary>
public sealed class Internet : IDisposable
{
    public static readonly IPAddress StunAddress = IPAddress.Parse("198.18.50.1");
    public static readonly IPAddress PublicA = IPAddress.Parse("198.18.61.1");
    public static readonly IPAddress PublicB = IPAddress.Parse("198.18.62.1");
    public static readonly IPAddress PrivateA = IPAddress.Parse("100.64.1.2");
    public static readonly IPAddress PrivateB = IPAddress.Parse("100.64.2.2");
    private readonly BedParts _parts = new();

    private Internet() { }

    public Netns Pub { get; private set; } = null!;
    public Netns NatA { get; private set; } = null!;
    public Netns NatB { get; private set; } = null!;
    public Netns A { get; private set; } = null!;
    public Netns B { get; private set; } = null!;
    public Coturn Stun { get; private set; } = null!;
    public TunWire? WanA { get; private set; }

    public static Internet Create(NatKind natA, NatKind natB, Impairment? wanA = null) =>
        BedParts.Build(new Internet(), net => net.Build(natA, natB, wanA));

    private T Own<T>(T part) where T : IDisposable => _parts.Own(part);

    private void Build(NatKind kindA, NatKind kindB, Impairment? wanA)
    {
        Pub = Own(Netns.Create("pub"));
        Pub.Sysctl("net.ipv4.ip_forward", "1");
        Pub.Ip("addr", "add", StunAddress + "/32", "dev", "lo");
        NatA = Own(Netns.Create("nata"));
        NatB = Own(Netns.Create("natb"));
        A = Own(Netns.Create("a"));
        B = Own(Netns.Create("b"));

        if (wanA is { } impairment)
        {
            WanA = Own(new TunWire(NatA, "wan", "198.18.61.1", Pub, "to-a", "198.18.61.254", impairment));
            NatA.Ip("route", "add", "default", "dev", "wan");
        }
        else
        {
            Uplink(NatA, "198.18.61", "to-a");
        }
        Uplink(NatB, "198.18.62", "to-b");
        Home(NatA, A, "100.64.1");
        Home(NatB, B, "100.64.2");
        Nat.Apply(NatA, kindA);
        Nat.Apply(NatB, kindB);
        Stun = Own(new Coturn(Pub, StunAddress));
    }

    private void Uplink(Netns nat, string net, string pubIf)
    {
        Veth.Connect(nat, "wan", Pub, pubIf);
        Veth.Address(nat, "wan", net + ".1/24");
        Veth.Address(Pub, pubIf, net + ".254/24");
        nat.Ip("route", "add", "default", "via", net + ".254");
    }

    private static void Home(Netns nat, Netns peer, string net)
    {
        Veth.Connect(peer, "eth0", nat, "lan");
        Veth.Address(nat, "lan", net + ".1/24");
        Veth.Address(peer, "eth0", net + ".2/24");
        peer.Ip("route", "add", "default", "via", net + ".1");
    }

    public void Dispose() => _parts.Dispose();
}
