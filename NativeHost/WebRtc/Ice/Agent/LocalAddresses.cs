using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// The local addresses ICE gathers host candidates on. Enumerates interfaces only; it never
/// resolves the machine's host name (that would be a DNS query, and may leak the name).
/// Skipped: interfaces that are down; loopback unless asked; IPv6 link-local (fe80::/10: it
/// needs a scope id, which SDP cannot carry); IPv4 link-local 169.254/16 (only appears
/// when DHCP failed and is almost never the path two people share); multicast,
/// unspecified, IPv4-mapped, site-local (fec0::/10, deprecated) and Teredo addresses.
/// </summary>
internal static class LocalAddresses
{
    public static IReadOnlyList<IPAddress> Enumerate(IceAgentOptions options)
    {
        var result = new List<IPAddress>();
        NetworkInterface[] interfaces;
        try { interfaces = NetworkInterface.GetAllNetworkInterfaces(); }
        catch (NetworkInformationException) { return result; }
        foreach (var nic in interfaces)
        {
            // Linux reports lo (and some virtual links) as Unknown rather than Up.
            if (nic.OperationalStatus is not (OperationalStatus.Up or OperationalStatus.Unknown)) continue;
            var isLoopbackNic = nic.NetworkInterfaceType == NetworkInterfaceType.Loopback;
            if (isLoopbackNic && !options.IncludeLoopback) continue;
            IPInterfaceProperties props;
            try { props = nic.GetIPProperties(); }
            catch (NetworkInformationException) { continue; }
            foreach (var unicast in props.UnicastAddresses)
            {
                var a = unicast.Address;
                if (!IsUsable(a, options)) continue;
                if (options.AddressFilter is { } filter && !filter(a)) continue;
                if (!result.Contains(a)) result.Add(a);
            }
        }
        // IPv6 first, as RFC 8421 prefers when both families work.
        return [.. result.OrderBy(a => a.AddressFamily == AddressFamily.InterNetworkV6 ? 0 : 1)];
    }

    internal static bool IsUsable(IPAddress a, IceAgentOptions options)
    {
        if (IPAddress.IsLoopback(a)) return options.IncludeLoopback;
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            if (b[0] == 169 && b[1] == 254) return false;
            if (b[0] == 0 || b[0] >= 224) return false;
            return true;
        }
        if (a.AddressFamily != AddressFamily.InterNetworkV6 || !options.IncludeIPv6) return false;
        return !(a.IsIPv6LinkLocal || a.IsIPv6Multicast || a.IsIPv6SiteLocal || a.IsIPv4MappedToIPv6 || a.IsIPv6Teredo
                 || a.Equals(IPAddress.IPv6Any));
    }
}
