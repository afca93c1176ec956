using System.Net.Sockets;

namespace SecureLink.Network.Tests;

/// <summary>Offline rooms on LANs of other shapes: IPv6 only, and peers with a second interface whose network goes nowhere.</summary>
public sealed class LanTests
{
    [NetFact]
    public async Task An_ipv6_only_lan_connects_on_ipv6_host_candidates()
    {
        using var lan = Lan.Create(new LanOptions { V4 = false, V6 = true });
        await using var creator = new NetHost(lan.A);
        await using var joiner = new NetHost(lan.B);
        var (room, _) = await RoomFlow.VerifyAsync(creator, joiner);
        Assert.All(room.CreatorCandidates.Concat(room.JoinerCandidates), c => Assert.Equal(AddressFamily.InterNetworkV6, c.Address.AddressFamily));
        Assert.Contains(room.CreatorCandidates, c => c.Address.Equals(Lan.A6));
        await RoomFlow.ChatAsync(creator, joiner, "over IPv6");
        await RoomFlow.ChatAsync(joiner, creator, "and back over IPv6");
    }

    [NetFact]
    public async Task Peers_with_a_second_interface_on_a_dead_network_still_connect_over_the_working_one()
    {
        using var lan = Lan.Create(new LanOptions { V4 = true, DeadSecondNetwork = true });
        await using var creator = new NetHost(lan.A);
        await using var joiner = new NetHost(lan.B);
        var (room, _) = await RoomFlow.VerifyAsync(creator, joiner);
        // Both interfaces were offered, so ICE really had to find out which one works.
        Assert.Contains(room.CreatorCandidates, c => c.Address.ToString() == "100.64.9.1");
        Assert.Contains(room.CreatorCandidates, c => c.Address.Equals(Lan.A4));
        Assert.Contains(room.JoinerCandidates, c => c.Address.ToString() == "100.64.9.2");
        await RoomFlow.ChatAsync(creator, joiner, "two interfaces");
        await RoomFlow.ChatAsync(joiner, creator, "one works");
    }
}
