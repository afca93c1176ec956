using System.Net;
using Xunit.Abstractions;

namespace SecureLink.Network.Tests;

/// <summary>
/// Model A, proven on the wire: a whole offline session (create, join, PIN, chat both ways,
/// leave) between two real hosts on a LAN while tcpdump records every interface of both peer
/// namespaces. The LAN has a default gateway, so a DNS query, an mDNS announcement or a STUN
/// request would really leave the peer and be caught; the rule is that every IP packet goes
/// between two host candidates the codes carried, and nothing else exists.
/// </summary>
public sealed class ModelATests(ITestOutputHelper output)
{
    /// <summary>
    /// A call rings, is answered and hung up inside the captured session, so its signalling (and
    /// its audio, once the voice layer is wired into calls) falls under the same rule.
    /// </summary>
    private async Task CallAsync(NetHost creator, NetHost joiner)
    {
        var started = await creator.RequestAsync("call.start");
        Assert.True(started.GetProperty("ok").GetBoolean(), $"call.start: {started}");
        await joiner.EventAsync("call.state", e => e.Str("state") == "incoming");
        Assert.True((await joiner.RequestAsync("call.accept")).GetProperty("ok").GetBoolean());
        var active = await creator.EventAsync("call.state", e => e.Str("state") is "active" or "ended");
        output.WriteLine($"call: {active}");
        await Task.Delay(1000); // a second of call (audio, when there is audio)
        await creator.RequestAsync("call.hangup");
        await joiner.EventAsync("call.state", e => e.Str("state") == "ended");
    }

    [NetFact]
    public async Task An_offline_session_sends_every_packet_between_the_two_host_candidates_and_nothing_else()
    {
        using var lan = Lan.Create(new LanOptions { V4 = true, V6 = true });
        using var capA = await Capture.StartAsync(lan.A, CancellationToken.None);
        using var capB = await Capture.StartAsync(lan.B, CancellationToken.None);
        Room room;
        await using (var creator = new NetHost(lan.A))
        await using (var joiner = new NetHost(lan.B))
        {
            (room, _) = await RoomFlow.VerifyAsync(creator, joiner);
            await RoomFlow.ChatAsync(creator, joiner, "hello from A");
            await RoomFlow.ChatAsync(joiner, creator, "hello from B");
            await CallAsync(creator, joiner);
            await joiner.OkAsync("room.leave");
            await creator.StateAsync("closed");
            await creator.OkAsync("room.leave");
        }
        await Task.Delay(300);
        var a = await capA.StopAsync();
        var b = await capB.StopAsync();

        var candidates = room.CreatorCandidates.Concat(room.JoinerCandidates).Select(c => new IPEndPoint(c.Address, c.Port)).ToHashSet();
        Assert.All(room.CreatorCandidates.Concat(room.JoinerCandidates), c => Assert.False(c.IsServerReflexive));
        Assert.Contains(room.CreatorCandidates, c => c.Address.Equals(Lan.A4));
        Assert.Contains(room.CreatorCandidates, c => c.Address.Equals(Lan.A6));

        output.WriteLine($"A captured {a.Count} packets, B {b.Count}; candidates {string.Join(", ", candidates)}");
        foreach (var (name, packets) in new[] { ("A", a), ("B", b) })
        {
            var udp = packets.Where(p => p.IsIp && !CaptureRules.IsKernelLinkTraffic(p)).ToList();
            // Besides the session itself, only the kernel's "port unreachable" between the two
            // peers may appear: a last packet reaching a host that already closed its socket.
            var addresses = candidates.Select(c => c.Address).ToHashSet();
            var violations = CaptureRules.Violations(packets, p => (p.IsUdp && candidates.Contains(p.From!) && candidates.Contains(p.To!))
                || (p.IsUnreachable && addresses.Contains(p.Source!) && addresses.Contains(p.Destination!)));
            Assert.True(violations.Count == 0, $"{name}: packets that are not the session:\n{string.Join('\n', violations)}");
            Assert.DoesNotContain(packets, CaptureRules.IsDnsOrMdns);
            Assert.Empty(CaptureRules.ArpForOthers(packets, [Lan.A4, Lan.B4]));
            // Not vacuous: the ICE checks, the DTLS handshake and the data all crossed this capture.
            Assert.True(udp.Count(p => p.IsStun) >= 2, $"{name}: no ICE checks seen\n{CaptureRules.Dump(packets)}");
            Assert.True(udp.Count(p => p.IsDtls) >= 10, $"{name}: too little DTLS seen\n{CaptureRules.Dump(packets)}");
            Assert.Contains(udp, p => p.Outgoing);
            Assert.Contains(udp, p => !p.Outgoing);
        }
    }
}
