using System.Diagnostics;
using System.Globalization;

namespace SecureLink.Benchmarks.Host;

/// <summary>
/// 1,000 sequential hello requests over stdio to one warm host, one at a time (median/p99). The
/// reference is the same frames echoed by <c>/bin/cat</c> over the same kind of pipes: what the
/// pipes and the scheduler cost before any host work.
/// </summary>
public sealed class HostRoundTripBenchmark : IBenchmark
{
    private const int Requests = 1000;

    public string Name => "host-roundtrip";

    public string Description => "1,000 sequential hello requests over stdio to a warm host (median/p99), vs a /bin/cat echo of the same frames";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var hello = HostBenchProcess.Frame("""{"id":1,"type":"hello","protocol":1}""");
        var hostMs = new List<double>(Requests);
        await using (var host = HostBenchProcess.Start())
        {
            for (var i = 0; i < 100; i++) await host.RoundTripAsync(hello, cancellationToken);   // warm-up (JIT tiers)
            for (var i = 0; i < Requests; i++)
            {
                var sw = Stopwatch.StartNew();
                await host.RoundTripAsync(hello, cancellationToken);
                hostMs.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        var catMs = await EchoReferenceAsync(hello, cancellationToken);

        var median = Stats.Median(hostMs);
        var refMedian = Stats.Median(catMs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  requests                  {Requests} sequential hello"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  host round trip           median {median * 1000:F0} us, p99 {Stats.Percentile(hostMs, 99) * 1000:F0} us, max {hostMs.Max() * 1000:F0} us"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reference /bin/cat echo   median {refMedian * 1000:F0} us, p99 {Stats.Percentile(catMs, 99) * 1000:F0} us"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio host / reference    {median / refMedian:F1}x"));
    }

    private static async Task<List<double>> EchoReferenceAsync(byte[] frame, CancellationToken cancellationToken)
    {
        var times = new List<double>(Requests);
        using var cat = Process.Start(new ProcessStartInfo("/bin/cat") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        var stdin = cat.StandardInput.BaseStream;
        var stdout = cat.StandardOutput.BaseStream;
        var back = new byte[frame.Length];
        for (var i = 0; i < 100 + Requests; i++)
        {
            var sw = Stopwatch.StartNew();
            await stdin.WriteAsync(frame, cancellationToken);
            await stdin.FlushAsync(cancellationToken);
            await stdout.ReadExactlyAsync(back, cancellationToken);
            if (i >= 100) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        stdin.Close();
        await cat.WaitForExitAsync(cancellationToken);
        return times;
    }
}
