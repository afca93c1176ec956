using System.Net;
using SecureLink.Benchmarks.Host;
using SecureLink.Network.Bed;

namespace SecureLink.Benchmarks.Network;

/// <summary>
/// The paper's "text latency" rows, reproduced on real paths built from namespaces: chat.send on
/// one real host → chat.message on the other (both native-messaging clients in this process, so
/// one clock). LAN: two peers joined by a TUN wire with 1 ms each way. WAN: two
/// endpoint-independent NATs and coturn, NAT-A's uplink 40 ms ± 5 ms each way. The reference, in
/// the same run over the same path, is a bare UDP datagram's one-way delay; the figure that
/// matters is text p50 minus that (goal ≤ 5 ms).
/// </summary>
public sealed class TextLatencyBenchmark : IBenchmark
{
    private const int Messages = 60;

    public string Name => "net-text-latency";

    public string Description => $"chat.send -> peer's chat.message over LAN (1 ms) and WAN (2 NATs, 40 ms ± 5 ms), {Messages} messages each, vs bare UDP one-way";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (NetBench.NotRunnable() is { } why) { await output.WriteLineAsync(why); return; }
        Netns.RemoveStale();
        using (var lan = Lan.Create(new LanOptions { Wire = new Impairment { Delay = TimeSpan.FromMilliseconds(1) } }))
        {
            var reference = await NetBench.UdpOneWayAsync(lan.A, lan.B, new IPEndPoint(Lan.B4, 40000), Messages, cancellationToken);
            await MeasureAsync(output, "LAN, 1 ms each way        ", lan.A, lan.B, "\"mode\":\"offline\"", reference);
        }
        using (var wan = Internet.Create(NatKind.EndpointIndependent, NatKind.EndpointIndependent,
                   new Impairment { Delay = TimeSpan.FromMilliseconds(40), Jitter = TimeSpan.FromMilliseconds(5) }))
        {
            // A's packets to the public side cross exactly the delayed uplink, as A's to B do.
            var reference = await NetBench.UdpOneWayAsync(wan.A, wan.Pub, new IPEndPoint(Internet.StunAddress, 40000), Messages, cancellationToken);
            await MeasureAsync(output, "WAN, 2 NATs, 40 ± 5 ms    ", wan.A, wan.B,
                $"\"mode\":\"internet\",\"stunServers\":[\"{wan.Stun.Server}\"]", reference);
        }
    }

    private static async Task MeasureAsync(TextWriter output, string label, Netns a, Netns b, string mode, List<double> reference)
    {
        await using var creator = new NetHost(a);
        await using var joiner = new NetHost(b);
        await RoomFlow.VerifyAsync(creator, joiner, mode);
        for (var i = 0; i < 5; i++) await RoomFlow.ChatAsync(creator, joiner, "warm-up " + i);
        var samples = new List<double>();
        for (var i = 0; i < Messages; i++)
        {
            var (_, latency) = await RoomFlow.ChatAsync(creator, joiner, $"message {i} with a few words in it");
            samples.Add(latency.TotalMilliseconds);
        }
        var over = Stats.Median(samples) - Stats.Median(reference);
        await output.WriteLineAsync($"{label} text {NetBench.P50P95(samples)}; UDP one-way {NetBench.P50P95(reference)}; text p50 - path p50 = {NetBench.Ms(over)} ms (goal <= 5)");
    }
}
