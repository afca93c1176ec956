using System.Diagnostics;
using System.Globalization;

namespace SecureLink.Benchmarks.Host;

/// <summary>
/// Process start → hello answered, 20 cold starts, plus idle RSS after hello. The reference is
/// starting <c>/usr/bin/env true</c> in the same run, so the ratio survives a noisy machine, and
/// <c>securelink-host --version</c> (runtime start without the protocol) to show our own share.
/// Goals: ≤ 150 ms to hello, ≤ 40 MB RSS.
/// </summary>
public sealed class HostColdStartBenchmark : IBenchmark
{
    private const int Runs = 20;

    public string Name => "host-coldstart";

    public string Description => "securelink-host process start to hello answered (median/p90) and idle RSS, vs starting /usr/bin/env true";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var hello = HostBenchProcess.Frame("""{"id":1,"type":"hello","protocol":1}""");
        var startMs = new List<double>();
        var rssMiB = new List<double>();
        var cpuMs = new List<double>();
        var idleRssMiB = new List<double>();

        // One unmeasured start warms the disk cache, as a browser's second start would be.
        await using (var warm = HostBenchProcess.Start()) await warm.RoundTripAsync(hello, cancellationToken);

        for (var i = 0; i < Runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await using var host = HostBenchProcess.Start();
            await host.RoundTripAsync(hello, cancellationToken);
            startMs.Add(sw.Elapsed.TotalMilliseconds);
            rssMiB.Add(host.ResidentMiB());
            cpuMs.Add(host.CpuMilliseconds());
            if (i < 5)
            {
                await Task.Delay(500, cancellationToken);
                idleRssMiB.Add(host.ResidentMiB());
            }
        }

        var referenceMs = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(new ProcessStartInfo("/usr/bin/env") { ArgumentList = { "true" }, UseShellExecute = false })!;
            await p.WaitForExitAsync(cancellationToken);
            referenceMs.Add(sw.Elapsed.TotalMilliseconds);
        }

        // Second reference: the same runtime and assembly doing almost nothing (--version), so the
        // difference is what native messaging mode itself costs at start.
        var versionMs = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var info = new ProcessStartInfo(HostBenchProcess.Dotnet) { UseShellExecute = false, RedirectStandardOutput = true };
            info.ArgumentList.Add(HostBenchProcess.HostDll);
            info.ArgumentList.Add("--version");
            using var p = Process.Start(info)!;
            await p.StandardOutput.ReadToEndAsync(cancellationToken);
            await p.WaitForExitAsync(cancellationToken);
            versionMs.Add(sw.Elapsed.TotalMilliseconds);
        }

        var median = Stats.Median(startMs);
        var refMedian = Stats.Median(referenceMs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  runs                       {Runs} (load average {LoadAverage()}, {Environment.ProcessorCount} CPUs)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  start -> hello answered    median {median:F1} ms, p90 {Stats.Percentile(startMs, 90):F1} ms (goal <= 150 ms)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  CPU used up to hello       median {Stats.Median(cpuMs):F0} ms (user+sys, 10 ms ticks; steadier than wall time on a loaded machine)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  RSS right after hello      median {Stats.Median(rssMiB):F1} MiB, max {rssMiB.Max():F1} MiB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  RSS idle 0.5 s after hello median {Stats.Median(idleRssMiB):F1} MiB (goal <= 40 MB)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reference /usr/bin/env true median {refMedian:F2} ms, p90 {Stats.Percentile(referenceMs, 90):F2} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio host / reference     {median / refMedian:F1}x"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  securelink-host --version  median {Stats.Median(versionMs):F1} ms (runtime start alone); hello mode adds {median - Stats.Median(versionMs):F1} ms"));
    }

    // Wall times scale with how busy the machine is; the load average says how to read them.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
