namespace SecureLink.Network.Bed;

/// <summary>Cables: a veth pair whose two ends are made directly inside two namespaces (never in the test's own one).</summary>
public static class Veth
{
    public static void Connect(Netns a, string ifA, Netns b, string ifB)
    {
        Sh.Run("ip", "link", "add", ifA, "netns", a.Name, "type", "veth", "peer", "name", ifB, "netns", b.Name);
        a.Ip("link", "set", "dev", ifA, "up");
        b.Ip("link", "set", "dev", ifB, "up");
    }

    /// <summary>Adds an address; IPv6 ones skip duplicate-address detection so they work at once.</summary>
    public static void Address(Netns ns, string dev, string cidr)
    {
        if (cidr.Contains(':', StringComparison.Ordinal)) ns.Ip("-6", "addr", "add", cidr, "dev", dev, "nodad");
        else ns.Ip("addr", "add", cidr, "dev", dev);
    }
}
