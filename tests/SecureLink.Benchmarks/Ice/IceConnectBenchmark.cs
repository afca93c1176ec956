using System.Diagnostics;
using System.Net;
using SecureLink.WebRtc.Ice;

namespace SecureLink.Benchmarks;

/// <summary>
/// Time from ConnectAsync to a selected pair for two agents on 127.0.0.1, compared with a raw
/// UDP round trip on the same host (the floor: ICE needs at least a check and a nomination,
/// i.e. two round trips, plus pacing).
/// </summary>
public sealed class IceConnectBenchmark : IBenchmark
{
    public string Name => "ice-connect";
    public string Description => "two ICE agents on loopback: time to a selected pair (median of 20), vs a bare UDP round trip";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var i = 0; i < 20 && !cancellationToken.IsCancellationRequested; i++)
        {
            await using var a = new IceAgent(Options());
            await using var b = new IceAgent(Options());
            foreach (var c in await b.GatherAsync(cancellationToken)) a.AddRemoteCandidate(c);
            foreach (var c in await a.GatherAsync(cancellationToken)) b.AddRemoteCandidate(c);
            var sw = Stopwatch.StartNew();
            var ta = a.ConnectAsync(b.LocalParameters, IceRole.Controlling, cancellationToken);
            var tb = b.ConnectAsync(a.LocalParameters, IceRole.Controlled, cancellationToken);
            await Task.WhenAll(ta, tb);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();

        using var x = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var y = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var rtts = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var sw = Stopwatch.StartNew();
            await x.SendAsync(new byte[] { 1 }, (IPEndPoint)y.Client.LocalEndPoint!, cancellationToken);
            var r = await y.ReceiveAsync(cancellationToken);
            await y.SendAsync(r.Buffer, r.RemoteEndPoint, cancellationToken);
            await x.ReceiveAsync(cancellationToken);
            rtts.Add(sw.Elapsed.TotalMilliseconds);
        }
        rtts.Sort();
        var median = times[times.Count / 2];
        var rtt = rtts[rtts.Count / 2];
        output.WriteLine($"ICE connect median    {median:F1} ms (min {times[0]:F1}, max {times[^1]:F1})");
        output.WriteLine($"UDP round trip median {rtt * 1000:F0} µs");
        output.WriteLine($"ratio connect / RTT   {median / rtt:F0}");
    }

    private static IceAgentOptions Options() => new()
    {
        IncludeLoopback = true,
        IncludeIPv6 = false,
        AddressFilter = a => a.Equals(IPAddress.Loopback),
    };
}
