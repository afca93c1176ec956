using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace SecureLink.Network.Tests;

/// <summary>
/// Model B through real NATs (nftables in router namespaces) and a real coturn in STUN-only
/// mode: hole punching through endpoint-independent and port-restricted NATs, the plain
/// <c>no_direct_path</c> answer behind two symmetric NATs, and the Internet-mode capture that
/// shows STUN Binding exchanges with the chosen server and peer-to-peer traffic, nothing else.
/// </summary>
public sealed class ModelBTests(ITestOutputHelper output)
{
    private static string Internet(IPAddress stun) => $"\"mode\":\"internet\",\"stunServers\":[\"{stun}:{Coturn.Port}\"]";

    [NetFact]
    public async Task Behind_two_endpoint_independent_nats_the_peers_hole_punch_and_the_capture_shows_only_stun_and_the_peer()
    {
        using var net = Bed.Internet.Create(NatKind.EndpointIndependent, NatKind.EndpointIndependent);
        using var capA = await Capture.StartAsync(net.A, CancellationToken.None);
        using var capB = await Capture.StartAsync(net.B, CancellationToken.None);
        Room room;
        TimeSpan setup;
        await using (var creator = new NetHost(net.A))
        await using (var joiner = new NetHost(net.B))
        {
            (room, setup) = await RoomFlow.VerifyAsync(creator, joiner, Internet(Bed.Internet.StunAddress));
            await RoomFlow.ChatAsync(creator, joiner, "through two NATs");
            await RoomFlow.ChatAsync(joiner, creator, "and back");
            await creator.OkAsync("room.leave");
            await joiner.StateAsync("closed");
        }
        output.WriteLine($"setup (accept -> verified) {setup.TotalMilliseconds:F0} ms");
        await Task.Delay(300);

        Assert.Contains(room.CreatorCandidates, c => c.IsServerReflexive && c.Address.Equals(Bed.Internet.PublicA));
        Assert.Contains(room.JoinerCandidates, c => c.IsServerReflexive && c.Address.Equals(Bed.Internet.PublicB));
        AssertOnlyStunAndPeer(await capA.StopAsync(), Bed.Internet.PrivateA, Bed.Internet.PrivateB, room.JoinerCandidates.Select(c => c.Address), "A");
        AssertOnlyStunAndPeer(await capB.StopAsync(), Bed.Internet.PrivateB, Bed.Internet.PrivateA, room.CreatorCandidates.Select(c => c.Address), "B");
    }

    /// <summary>
    /// Each peer's own capture: every UDP packet is a STUN Binding exchange between its host
    /// candidate and the coturn address, or goes between its host candidate and an address the
    /// peer's code named (its host or its NAT's public address). ICMP may only be the public
    /// router's "unreachable" for checks sent to the peer's private host candidate.
    /// </summary>
    private void AssertOnlyStunAndPeer(IReadOnlyList<Packet> packets, IPAddress self, IPAddress peerPrivate, IEnumerable<IPAddress> peerAddresses, string name)
    {
        var peer = peerAddresses.ToHashSet();
        var stunServer = new IPEndPoint(Bed.Internet.StunAddress, Coturn.Port);
        bool IsStunExchange(Packet p) => p.IsStun && p.StunType is 0x0001 or 0x0101
            && ((p.Source!.Equals(self) && p.To!.Equals(stunServer)) || (p.From!.Equals(stunServer) && p.Destination!.Equals(self)));
        bool IsPeerTraffic(Packet p) => p.IsUdp && ((p.Source!.Equals(self) && peer.Contains(p.Destination!)) || (peer.Contains(p.Source!) && p.Destination!.Equals(self)));
        bool IsUnreachableForPeerHost(Packet p) => p.IsUnreachable && p.Protocol == Packet.Icmp && p.Destination!.Equals(self);

        var violations = CaptureRules.Violations(packets, p => IsStunExchange(p) || IsPeerTraffic(p) || IsUnreachableForPeerHost(p));
        Assert.True(violations.Count == 0, $"{name}: unexpected packets:\n{string.Join('\n', violations.Take(20))}");
        var stun = packets.Count(IsStunExchange);
        var p2p = packets.Where(IsPeerTraffic).ToList();
        output.WriteLine($"{name}: {packets.Count} packets: {stun} STUN binding with coturn, {p2p.Count} peer-to-peer ({p2p.Count(p => p.IsDtls)} DTLS), {packets.Count(CaptureRules.IsKernelLinkTraffic)} ARP/ND, {packets.Count(IsUnreachableForPeerHost)} ICMP unreachable");
        Assert.True(stun >= 2, $"{name}: the STUN exchange was not captured");
        Assert.Contains(p2p, p => p.IsDtls && !peerPrivate.Equals(p.Source) && !peerPrivate.Equals(p.Destination));
        Assert.DoesNotContain(packets, CaptureRules.IsDnsOrMdns);
        // Never a TURN request (Allocate 0x0003, Refresh, Send, ChannelBind...): only Binding exists.
        Assert.DoesNotContain(packets, p => p.IsStun && (p.StunType & 0x3EEF) != 0x0001);
    }

    [NetFact]
    public async Task Behind_two_port_restricted_nats_the_peers_hole_punch()
    {
        using var net = Bed.Internet.Create(NatKind.PortRestricted, NatKind.PortRestricted);
        await using var creator = new NetHost(net.A);
        await using var joiner = new NetHost(net.B);
        var (_, setup) = await RoomFlow.VerifyAsync(creator, joiner, Internet(Bed.Internet.StunAddress));
        output.WriteLine($"setup (accept -> verified) {setup.TotalMilliseconds:F0} ms");
        await RoomFlow.ChatAsync(creator, joiner, "port restricted");
        await RoomFlow.ChatAsync(joiner, creator, "still direct");
    }

    [NetFact]
    public async Task Behind_two_symmetric_nats_the_creator_says_plainly_within_30_s_that_no_direct_path_exists_and_nothing_is_relayed()
    {
        using var net = Bed.Internet.Create(NatKind.Symmetric, NatKind.Symmetric);
        using var capA = await Capture.StartAsync(net.A, CancellationToken.None);
        await using var creator = new NetHost(net.A);
        await using var joiner = new NetHost(net.B);
        var room = await RoomFlow.StartAsync(creator, joiner, Internet(Bed.Internet.StunAddress));
        var failed = await creator.StateAsync("failed", seconds: 35);
        var after = Stopwatch.GetElapsedTime(room.AcceptedAt, failed.At);
        output.WriteLine($"failed after {after.TotalSeconds:F1} s: {failed}");
        Assert.Equal("no_direct_path", failed.Str("reasonCode"));
        Assert.True(after < TimeSpan.FromSeconds(30), $"no_direct_path took {after.TotalSeconds:F1} s");
        var reason = failed.Str("reason")!;
        Assert.Contains("direct", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("relay", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("another network", reason, StringComparison.OrdinalIgnoreCase); // and what to try
        // The joiner cannot tell an impossible path from a slow creator: it keeps waiting.
        Assert.DoesNotContain(joiner.Seen, e => e.Name == "room.state" && e.Str("state") is "verified" or "failed");
        // Both sides really had server-reflexive candidates (symmetric NATs still answer STUN).
        Assert.Contains(room.CreatorCandidates, c => c.IsServerReflexive);
        Assert.Contains(room.JoinerCandidates, c => c.IsServerReflexive);

        var packets = await capA.StopAsync();
        Assert.DoesNotContain(packets, p => p.IsStun && (p.StunType & 0x3EEF) != 0x0001);
        Assert.DoesNotContain(packets, p => p.IsDtls); // never got as far as DTLS: no path, no relay
        var destinations = packets.Where(p => p.IsUdp && p.Outgoing).Select(p => p.Destination!).ToHashSet();
        var allowed = room.JoinerCandidates.Select(c => c.Address).Append(Bed.Internet.StunAddress).ToHashSet();
        Assert.All(destinations, d => Assert.Contains(d, allowed));
    }
}
