using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SecureLink.Rooms.Nearby;

/// <summary>One IPv4 network interface nearby rooms may speak on: its index, one address and that address's netmask.</summary>
public sealed record NearbyInterface(int Index, string Name, IPAddress Address, IPAddress Mask)
{
    /// <summary>True when <paramref name="source"/> is on this interface's subnet: mDNS is link-local (RFC 6762 §11).</summary>
    public bool IsOnLink(IPAddress source)
    {
        if (source.AddressFamily != AddressFamily.InterNetwork) return false;
        var a = Address.GetAddressBytes();
        var m = Mask.GetAddressBytes();
        var s = source.GetAddressBytes();
        for (var i = 0; i < 4; i++)
            if ((a[i] & m[i]) != (s[i] & m[i])) return false;
        return true;
    }
}

/// <summary>
/// Which interfaces to use. Enumerates interfaces only (never resolves the host name, DESIGN §4).
/// A room speaks only on the interfaces that carry its own ICE host candidates; a browse speaks
/// on every IPv4 interface that is up and does multicast, loopback excepted.
/// </summary>
public static class NearbyInterfaces
{
    public static IReadOnlyList<NearbyInterface> All() => Find(_ => true);

    /// <summary>The interfaces that hold one of <paramref name="addresses"/> (IPv4 only).</summary>
    public static IReadOnlyList<NearbyInterface> Carrying(IEnumerable<IPAddress> addresses)
    {
        var wanted = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToHashSet();
        return Find(wanted.Contains);
    }

    private static List<NearbyInterface> Find(Func<IPAddress, bool> accept)
    {
        var result = new List<NearbyInterface>();
        NetworkInterface[] nics;
        try { nics = NetworkInterface.GetAllNetworkInterfaces(); }
        catch (NetworkInformationException) { return result; }
        foreach (var nic in nics)
        {
            if (nic.OperationalStatus is not (OperationalStatus.Up or OperationalStatus.Unknown)) continue;
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback || !nic.SupportsMulticast) continue;
            IPInterfaceProperties props;
            int index;
            try
            {
                props = nic.GetIPProperties();
                index = props.GetIPv4Properties()?.Index ?? -1;
            }
            catch (Exception e) when (e is NetworkInformationException or PlatformNotSupportedException)
            {
                continue;
            }
            if (index < 0) continue;
            foreach (var u in props.UnicastAddresses)
            {
                var a = u.Address;
                if (a.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(a) || !accept(a)) continue;
                result.Add(new NearbyInterface(index, nic.Name, a, u.IPv4Mask ?? IPAddress.Broadcast));
                break; // one address per interface is enough to send from
            }
        }
        return result;
    }
}
