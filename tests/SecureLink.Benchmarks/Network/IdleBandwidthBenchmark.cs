using SecureLink.Network.Bed;

namespace SecureLink.Benchmarks.Network;

/// <summary>
/// Bytes per second on the wire of a verified room where nobody types: tcpdump on every
/// interface of one peer for a fixed window, counting whole IP packets both ways, split into
/// STUN (consent freshness, which doubles as NAT keepalive) and DTLS (SCTP heartbeats and the
/// like). Compared with the goal of 200 B/s.
/// </summary>
public sealed class IdleBandwidthBenchmark : IBenchmark
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    public string Name => "net-idle-bandwidth";

    public string Description => $"bytes/s on the wire of an idle verified room over {Window.TotalSeconds:F0} s (LAN, IP bytes both ways), vs the 200 B/s goal";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (NetBench.NotRunnable() is { } why) { await output.WriteLineAsync(why); return; }
        Netns.RemoveStale();
        using var lan = Lan.Create(new LanOptions());
        await using var creator = new NetHost(lan.A);
        await using var joiner = new NetHost(lan.B);
        await RoomFlow.VerifyAsync(creator, joiner);
        await RoomFlow.ChatAsync(creator, joiner, "one message, then silence");
        await Task.Delay(2000, cancellationToken); // receipts and SACKs settle
        using var capture = await Capture.StartAsync(lan.A, cancellationToken);
        await Task.Delay(Window, cancellationToken);
        var packets = (await capture.StopAsync()).Where(p => p.IsUdp).ToList();
        double Rate(IEnumerable<Packet> ps) => ps.Sum(p => p.Length) / Window.TotalSeconds;
        var total = Rate(packets);
        await output.WriteLineAsync($"idle room: {NetBench.Ms(total)} B/s ({packets.Count} UDP packets in {Window.TotalSeconds:F0} s): " +
            $"STUN consent {NetBench.Ms(Rate(packets.Where(p => p.IsStun)))} B/s, DTLS {NetBench.Ms(Rate(packets.Where(p => p.IsDtls)))} B/s; " +
            $"{total / 200:F2}x the 200 B/s goal");
    }
}
