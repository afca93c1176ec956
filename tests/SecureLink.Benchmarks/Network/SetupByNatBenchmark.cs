using SecureLink.Benchmarks.Host;
using SecureLink.Network.Bed;

namespace SecureLink.Benchmarks.Network;

/// <summary>
/// Connection setup (room.accept sent, i.e. the reply applied → the creator's <c>verified</c>)
/// per kind of network: a LAN in offline mode (the reference), and Internet mode through two
/// endpoint-independent NATs, two port-restricted NATs, and a symmetric NAT facing a full-cone
/// one. The same two host processes serve every run of a kind (a first, cold run is dropped), so
/// the figure is network and crypto, not JIT.
/// </summary>
public sealed class SetupByNatBenchmark : IBenchmark
{
    private const int Runs = 5;

    public string Name => "net-setup";

    public string Description => $"reply applied (room.accept) -> verified per NAT kind, {Runs} runs each (median/p95), ratio to the LAN";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (NetBench.NotRunnable() is { } why) { await output.WriteLineAsync(why); return; }
        Netns.RemoveStale();
        double lanMedian;
        using (var lan = Lan.Create(new LanOptions()))
            lanMedian = await MeasureAsync(output, "LAN, offline mode                  ", lan.A, lan.B, "\"mode\":\"offline\"", double.NaN);
        foreach (var (label, a, b) in new[]
                 {
                     ("2 endpoint-independent NATs, STUN ", NatKind.EndpointIndependent, NatKind.EndpointIndependent),
                     ("2 port-restricted NATs, STUN      ", NatKind.PortRestricted, NatKind.PortRestricted),
                     ("symmetric NAT + full-cone NAT     ", NatKind.Symmetric, NatKind.EndpointIndependent),
                 })
        {
            using var net = Internet.Create(a, b);
            await MeasureAsync(output, label, net.A, net.B, $"\"mode\":\"internet\",\"stunServers\":[\"{net.Stun.Server}\"]", lanMedian);
        }
        await output.WriteLineAsync("two symmetric NATs: no path by design; the creator reports no_direct_path (see tests/SecureLink.Network.Tests, ModelBTests)");
    }

    private static async Task<double> MeasureAsync(TextWriter output, string label, Netns a, Netns b, string mode, double reference)
    {
        await using var creator = new NetHost(a);
        await using var joiner = new NetHost(b);
        var samples = new List<double>();
        for (var i = 0; i <= Runs; i++)
        {
            var (_, setup) = await RoomFlow.VerifyAsync(creator, joiner, mode);
            if (i > 0) samples.Add(setup.TotalMilliseconds);
            await creator.OkAsync("room.leave");
            await joiner.StateAsync("closed");
            await joiner.OkAsync("room.leave");
        }
        var median = Stats.Median(samples);
        var ratio = double.IsNaN(reference) ? "" : $", {median / reference:F2}x the LAN";
        await output.WriteLineAsync($"{label} {NetBench.P50P95(samples)}{ratio}");
        return median;
    }
}
