using System.Globalization;

namespace SecureLink.Benchmarks.WebRtc;

/// <summary>Time from the answer being applied to the data channel being open (non-trickle), ours vs Chromium.</summary>
public sealed class WebRtcSetupBenchmark : IBenchmark
{
    private const int Runs = 20;

    public string Name => "webrtc-setup";

    public string Description => $"answer applied -> data channel open, {Runs} runs, median/p90: ours-ours vs Chromium-Chromium";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        var ct = limit.Token;

        var ours = new List<double>();
        await using (var warm = await WebRtcBench.ConnectOursAsync(ct)) { } // JIT and first-socket costs out of the numbers
        for (var i = 0; i < Runs; i++)
        {
            await using var pair = await WebRtcBench.ConnectOursAsync(ct);
            ours.Add(pair.Setup.TotalMilliseconds);
        }

        await using var chromium = await WebRtcBench.ChromiumPage.LaunchAsync();
        await chromium.Page.EvaluateAsync<double[]>("(n) => slBench.setup(n)", 1);
        var reference = (await chromium.Page.EvaluateAsync<double[]>("(n) => slBench.setup(n)", Runs)).ToList();

        ours.Sort();
        reference.Sort();
        await Report(output, "ours     ", ours);
        await Report(output, "chromium ", reference);
        var ratio = WebRtcBench.Percentile(ours, 50) / WebRtcBench.Percentile(reference, 50);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ratio ours/chromium (median): {ratio:F2}x"));
    }

    private static Task Report(TextWriter output, string who, List<double> sorted) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{who} median {WebRtcBench.Percentile(sorted, 50),7:F1} ms   p90 {WebRtcBench.Percentile(sorted, 90),7:F1} ms   ({sorted.Count} runs)"));
}
