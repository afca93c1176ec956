using System.Globalization;

namespace SecureLink.Network.Bed;

/// <summary>Impairments made with nftables and tc inside one namespace (they act on all its traffic, both ways).</summary>
public static class Nft
{
    /// <summary>Drops <paramref name="percent"/> % of UDP packets each way, at random (<c>numgen random</c>).</summary>
    public static void Loss(Netns ns, int percent)
    {
        var p = percent.ToString(CultureInfo.InvariantCulture);
        ns.Nft($$"""
            table inet nbloss {
              chain in { type filter hook input priority -10; policy accept; meta l4proto udp numgen random mod 100 < {{p}} drop; }
              chain out { type filter hook output priority -10; policy accept; meta l4proto udp numgen random mod 100 < {{p}} drop; }
            }
            """);
    }

    /// <summary>The link goes dead both ways (everything but loopback dropped) until <see cref="Restore"/>.</summary>
    public static void Blackout(Netns ns) => ns.Nft("""
        table inet nbcut {
          chain in { type filter hook input priority -20; policy drop; iifname "lo" accept; }
          chain out { type filter hook output priority -20; policy drop; oifname "lo" accept; }
        }
        """);

    public static void Restore(Netns ns) => ns.Nft("delete table inet nbcut");

    /// <summary>A token bucket on <paramref name="dev"/>'s egress (tc tbf; the kernel has it even without netem).</summary>
    public static void Bandwidth(Netns ns, string dev, int kbitPerSecond) =>
        ns.Exec("tc", "qdisc", "replace", "dev", dev, "root", "tbf", "rate", $"{kbitPerSecond}kbit", "burst", "16kbit", "latency", "200ms");

    /// <summary>A switch that forwards nothing (bridge-family drop): a network that exists but goes nowhere.</summary>
    public static void DeadSwitch(Netns ns) => ns.Nft("""
        table bridge nbdead {
          chain drop_all { type filter hook forward priority 0; policy drop; }
        }
        """);
}
