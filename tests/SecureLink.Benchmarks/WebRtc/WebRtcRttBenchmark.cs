using System.Diagnostics;
using System.Globalization;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.Benchmarks.WebRtc;

/// <summary>16-byte ping-pong round trips over a reliable ordered channel, ours vs Chromium.</summary>
public sealed class WebRtcRttBenchmark : IBenchmark
{
    private const int Count = 2000;
    private const int Size = 16;

    public string Name => "webrtc-rtt";

    public string Description => $"{Size}-byte data channel ping-pong x{Count}, p50/p99: ours-ours vs Chromium-Chromium";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        var ct = limit.Token;

        var ours = await MeasureOursAsync(ct);
        await using var chromium = await WebRtcBench.ChromiumPage.LaunchAsync();
        var reference = (await chromium.Page.EvaluateAsync<double[]>("([n, s]) => slBench.rtt(n, s)", new object[] { Count, Size })).ToList();

        ours.Sort();
        reference.Sort();
        await Report(output, "ours     ", ours);
        await Report(output, "chromium ", reference);
        var ratio = WebRtcBench.Percentile(ours, 50) / WebRtcBench.Percentile(reference, 50);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ratio ours/chromium (p50): {ratio:F2}x"));
    }

    private static async Task<List<double>> MeasureOursAsync(CancellationToken ct)
    {
        await using var pair = await WebRtcBench.ConnectOursAsync(ct);
        pair.AnswererChannel.MessageReceived += m => _ = pair.AnswererChannel.SendAsync(m.Data, ct);
        TaskCompletionSource? pending = null;
        pair.OffererChannel.MessageReceived += _ => pending?.TrySetResult();
        var payload = new byte[Size];
        var samples = new List<double>(Count);
        for (var i = 0; i < Count + 100; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pending = done;
            var t0 = Stopwatch.GetTimestamp();
            await pair.OffererChannel.SendAsync(payload, ct);
            await done.Task.WaitAsync(ct);
            if (i >= 100) samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds); // first 100 warm up
        }
        return samples;
    }

    private static Task Report(TextWriter output, string who, List<double> sorted) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{who} p50 {WebRtcBench.Percentile(sorted, 50),7:F3} ms   p99 {WebRtcBench.Percentile(sorted, 99),7:F3} ms   ({sorted.Count} round trips)"));
}
