using System.Net;

namespace SecureLink.Network.Tests;

/// <summary>
/// Sorting captured packets into what the product may send and what it must never send. Kernel
/// link housekeeping is recognised narrowly (ARP, IPv6 neighbour discovery and MLD from
/// link-local or unspecified sources); every other IP packet must pass the scenario's rule.
/// </summary>
internal static class CaptureRules
{
    /// <summary>ICMPv6 the kernel sends by itself on any IPv6 link: MLD 130..132, 143; RS/RA/NS/NA/redirect 133..137.</summary>
    public static bool IsKernelLinkTraffic(Packet p) =>
        p.IsArp || (p.Protocol == Packet.IcmpV6 && p.IcmpV6Type is (>= 130 and <= 137) or 143);

    /// <summary>Every packet that is neither kernel link traffic nor allowed by <paramref name="allowed"/>, described.</summary>
    public static List<string> Violations(IEnumerable<Packet> packets, Func<Packet, bool> allowed) =>
        packets.Where(p => !IsKernelLinkTraffic(p) && !allowed(p)).Select(p => p.ToString()).ToList();

    /// <summary>ARP may only ask for the given addresses: a lookup for anyone else means something tried to reach them.</summary>
    public static List<string> ArpForOthers(IEnumerable<Packet> packets, IReadOnlyCollection<IPAddress> allowedTargets) =>
        packets.Where(p => p.IsArp && !allowedTargets.Contains(p.Destination!)).Select(p => p + $" who-has {p.Destination}").ToList();

    public static bool IsDnsOrMdns(Packet p) => (p.IsUdp || p.Protocol == Packet.Tcp) && (p.SourcePort is 53 or 5353 || p.DestinationPort is 53 or 5353);

    public static string Dump(IEnumerable<Packet> packets, int max = 40) => string.Join('\n', packets.Take(max));
}
