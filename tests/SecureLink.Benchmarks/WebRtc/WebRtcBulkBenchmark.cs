using System.Diagnostics;
using System.Globalization;

namespace SecureLink.Benchmarks.WebRtc;

/// <summary>64 MiB one way over one reliable ordered channel, in 16 KiB and 64 KiB messages, ours vs Chromium.</summary>
public sealed class WebRtcBulkBenchmark : IBenchmark
{
    private const long Total = 64L * 1024 * 1024;
    private static readonly int[] Sizes = [16 * 1024, 64 * 1024];

    public string Name => "webrtc-bulk";

    public string Description => "64 MiB over a reliable ordered data channel in 16 KiB / 64 KiB messages, MB/s: ours-ours vs Chromium-Chromium";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(10));
        var ct = limit.Token;
        await using var chromium = await WebRtcBench.ChromiumPage.LaunchAsync();
        foreach (var size in Sizes)
        {
            var ours = await MeasureOursAsync(size, ct);
            var ms = await chromium.Page.EvaluateAsync<double>("([t, s]) => slBench.bulk(t, s)", new object[] { Total, size });
            var reference = Total / 1e6 / (ms / 1000);
            var cross = await MeasureOursToChromiumAsync(chromium, size, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{size / 1024,3} KiB messages: ours {ours,7:F1} MB/s   chromium {reference,7:F1} MB/s   ratio ours/chromium {ours / reference:F2}x   (ours -> chromium {cross:F1} MB/s)"));
        }
    }

    /// <summary>Our sender into Chromium's receiver: the interop path's throughput.</summary>
    private static async Task<double> MeasureOursToChromiumAsync(WebRtcBench.ChromiumPage chromium, int size, CancellationToken ct)
    {
        await using var ours = new SecureLink.WebRtc.RtcPeerConnection(new SecureLink.WebRtc.RtcConfiguration { AddressFilter = a => a.Equals(WebRtcBench.LanA) });
        var channel = ours.CreateDataChannel("bulk");
        var answer = await chromium.Page.EvaluateAsync<string>("([o, t]) => slBench.receive(o, t)", new object[] { await ours.CreateOfferAsync(ct), Total });
        await ours.SetRemoteAnswerAsync(answer, ct);
        await ours.WaitConnectedAsync(ct);
        var payload = new byte[size];
        var clock = Stopwatch.StartNew();
        for (long sent = 0; sent < Total; sent += size) await channel.SendAsync(payload, ct);
        await chromium.Page.EvaluateAsync("() => slBench.received()").WaitAsync(ct);
        return Total / 1e6 / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureOursAsync(int size, CancellationToken ct)
    {
        await using var pair = await WebRtcBench.ConnectOursAsync(ct);
        long received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.AnswererChannel.MessageReceived += m =>
        {
            if (Interlocked.Add(ref received, m.Data.Length) >= Total) done.TrySetResult();
        };
        var payload = new byte[size];
        var clock = Stopwatch.StartNew();
        // SendAsync applies the association's back-pressure, so this loop cannot outrun the link.
        for (long sent = 0; sent < Total; sent += size) await pair.OffererChannel.SendAsync(payload, ct);
        await done.Task.WaitAsync(ct);
        return Total / 1e6 / clock.Elapsed.TotalSeconds;
    }
}
