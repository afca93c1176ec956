using System.Globalization;
using Microsoft.Playwright;
using SecureLink.Benchmarks.Host;
using SecureLink.Benchmarks.WebRtc;

namespace SecureLink.Benchmarks.Rooms;

/// <summary>
/// Alice and Bob (two profiles, two Chromium processes, two real hosts) complete an offline room
/// through the real popups; then Alice sends messages one at a time (type, Enter) and each is
/// timed from her Enter keydown to the message element appearing in Bob's popup. The two
/// browsers share only the machine's wall clock, so both stamps are <c>Date.now()</c> (1 ms
/// resolution): Alice's in a capture-phase keydown listener, Bob's in a MutationObserver on the
/// message list. In-run references: Alice's own copy of the message (Enter → her element, the
/// popup → background → host → popup leg of that very message) and Bob's popup → background →
/// popup ping, what the extension's own runtime port costs once.
/// </summary>
public sealed class PopupMessageLatencyBenchmark : IBenchmark
{
    private const int Count = 100;
    private const int Warmup = 5;
    private const int Pings = 300;

    public string Name => "popup-message-latency";

    public string Description => $"{Count} messages: Enter in Alice's popup -> element in Bob's popup (median/p99), vs popup<->background ping";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(6));
        var ct = limit.Token;

        using var playwright = await Playwright.CreateAsync();
        await using var room = await PopupRoom.OpenAsync(playwright, ct);
        var (alice, bob) = (room.Alice, room.Bob);

        await bob.Page.EvaluateAsync(ObserveScript, "peer");
        await alice.Page.EvaluateAsync(ObserveScript, "me");
        await alice.Page.EvaluateAsync(@"() => {
            window.__sent = {};
            const composer = document.getElementById('composer');
            composer.addEventListener('keydown', e => {
                if (e.key === 'Enter' && !e.shiftKey) window.__sent[composer.value] = Date.now();
            }, { capture: true });
        }");

        var latencies = new List<double>();
        var echoes = new List<double>();
        for (var i = 0; i < Warmup + Count; i++)
        {
            var text = $"bench message {i}";
            await alice.Page.FillAsync("#composer", text);
            await alice.Page.PressAsync("#composer", "Enter");
            var quoted = System.Text.Json.JsonSerializer.Serialize(text);
            await bob.WaitAsync($"() => {quoted} in window.__arrivals");
            await alice.WaitAsync($"() => {quoted} in window.__arrivals");
            var sent = await alice.Page.EvaluateAsync<double>($"() => window.__sent[{quoted}]");
            var arrived = await bob.Page.EvaluateAsync<double>($"() => window.__arrivals[{quoted}]");
            var echoed = await alice.Page.EvaluateAsync<double>($"() => window.__arrivals[{quoted}]");
            if (i < Warmup) continue;
            latencies.Add(arrived - sent);
            echoes.Add(echoed - sent);
        }

        var pings = await bob.TimeRequestsAsync(new { type = "ping" }, Pings, warmup: 50);

        var (median, p99) = (Stats.Median(latencies), Stats.Percentile(latencies, 99));
        var pingMedian = Stats.Median(pings);
        await output.WriteLineAsync(Invariant($"alice Enter -> bob element: median {median:F1} ms   p90 {Stats.Percentile(latencies, 90):F1} ms   p99 {p99:F1} ms   max {latencies.Max():F1} ms   ({latencies.Count} messages, Date.now() 1 ms resolution)"));
        await output.WriteLineAsync(Invariant($"alice Enter -> alice's own element (popup -> background -> host -> popup): median {Stats.Median(echoes):F1} ms   p99 {Stats.Percentile(echoes, 99):F1} ms"));
        await output.WriteLineAsync(Invariant($"min alice->bob {latencies.Min():F0} ms (a negative value would mean the two clocks disagree)"));
        await output.WriteLineAsync(Invariant($"reference ping popup -> background -> popup: median {pingMedian:F2} ms   p99 {Stats.Percentile(pings, 99):F2} ms   ({pings.Length} samples)"));
        await output.WriteLineAsync(Invariant($"ratio message/ping (median): {median / Math.Max(pingMedian, 0.01):F1}x; goal median <= 10 ms: {(median <= 10 ? "met" : "NOT met")}"));
    }

    /// <summary>Stamps the first time a message from <c>from</c> ("me" or "peer") is in the list, by its text.</summary>
    private const string ObserveScript = @"(from) => {
        window.__arrivals = {};
        const list = document.getElementById('messages');
        new MutationObserver(() => {
            const now = Date.now();
            for (const li of list.querySelectorAll('.message')) {
                if (li.dataset.from !== from) continue;
                const text = li.querySelector('.text')?.textContent;
                if (text && !(text in window.__arrivals)) window.__arrivals[text] = now;
            }
        }).observe(list, { childList: true, subtree: true, characterData: true });
    }";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
