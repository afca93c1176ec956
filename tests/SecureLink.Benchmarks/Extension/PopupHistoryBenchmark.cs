using System.Globalization;
using Microsoft.Playwright;
using SecureLink.Benchmarks.Host;
using SecureLink.Benchmarks.Rooms;
using SecureLink.Benchmarks.WebRtc;

namespace SecureLink.Benchmarks.Extension;

/// <summary>
/// popup-history: how long Bob's popup takes from opening (navigation start) to the frame after
/// his conversation with 1,000 messages is on screen (its newest messages drawn), and to the frame
/// after all 1,000 are in the list. The history is real: two hosts in a verified offline room
/// (<see cref="PopupRoom"/>), Alice's popup sends 1,000 numbered chat.send one after another, and
/// Bob's host keeps them in memory; every open checks all 1,000 end up in the list, in order.
/// In-run reference: the same popup opened on the same verified room with an empty history, so
/// the ratio is what the 1,000 messages cost.
/// </summary>
public sealed class PopupHistoryBenchmark : IBenchmark
{
    private const int Messages = 1000;
    private const int Opens = 20;
    private const int Warmup = 2;
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    public string Name => "popup-history";

    public string Description => $"popup open -> conversation on screen with {Messages} messages in history, and all of them in the list (median, p90 ms), vs the same with none";

    /// <summary>
    /// Stamps performance.now() on two frames: the one after the conversation screen first shows
    /// messages (window.__shown, with how many in window.__shownCount; for an empty room, the
    /// screen itself) and the one after #messages first holds all window.__want of them
    /// (window.__rendered).
    /// </summary>
    private const string RenderProbe = """
        (() => {
          window.__shown = null;
          window.__shownCount = 0;
          window.__rendered = null;
          const want = Number(new URLSearchParams(location.search).get('bench') ?? '-1');
          if (want < 0) return;
          const check = () => {
            const list = document.getElementById('messages');
            if (!list || document.getElementById('room')?.dataset.screen !== 'conversation') return false;
            const count = list.childElementCount;
            if (window.__shownCount === 0 && count >= Math.min(want, 1)) {
              window.__shownCount = Math.max(count, 1);
              requestAnimationFrame(() => { window.__shown ??= performance.now(); });
            }
            if (count < want) return false;
            requestAnimationFrame(() => { window.__rendered ??= performance.now(); });
            return true;
          };
          new MutationObserver((_, observer) => { if (check()) observer.disconnect(); })
            .observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-screen'] });
        })()
        """;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(6));
        var ct = limit.Token;

        using var playwright = await Playwright.CreateAsync();
        await using var room = await PopupRoom.OpenAsync(playwright, ct);
        var bob = room.Bob;
        await bob.Page.CloseAsync();
        await bob.Context.AddInitScriptAsync(RenderProbe);

        var empty = await OpenTimesAsync(bob, 0);
        var sends = await room.Alice.TimeRequestsAsync(new { type = "chat.send", text = "a message in the history: the quick brown fox jumps over the lazy dog #{i}" }, Messages);
        var sent = sends.Sum();
        var full = await OpenTimesAsync(bob, Messages);

        await output.WriteLineAsync(Invariant($"  sent {Messages} messages in {sent:F0} ms"));
        await WriteResultAsync(output, "conversation on screen", empty.Select(m => m[Shown]).ToList(), full.Select(m => m[Shown]).ToList(), goal: true);
        await WriteResultAsync(output, $"all {Messages} messages in the list", empty.Select(m => m[^1]).ToList(), full.Select(m => m[^1]).ToList(), goal: false);
        await WritePhasesAsync(output, empty, full);
    }

    /// <summary>
    /// Where the time of one open goes: milestones from navigation start, read from the page's
    /// performance timeline (navigation timing, and the marks popup.js and room-ui.js set; extension
    /// modules get no resource timing entries); -1 when a milestone did not happen.
    /// </summary>
    private static readonly (string Label, string Expression)[] Milestones =
    [
        ("HTML received", "nav.responseEnd"),
        ("HTML parsed", "nav.domInteractive"),
        ("popup.js runs", "mark('securelink:script')"),
        ("first status from the background", "mark('securelink:status')"),
        ("state.get sent", "mark('securelink:state-get')"),
        ("host's snapshot received", "mark('securelink:snapshot')"),
        ("drawn from the host's snapshot", "mark('securelink:rendered')"),
        ("conversation on screen (next frame)", "window.__shown"),
        ("  (messages in it: a count, not ms)", "window.__shownCount"),
        ("all messages in the list (next frame)", "window.__rendered"),
    ];

    private static readonly int Shown = Array.FindIndex(Milestones, m => m.Expression == "window.__shown");

    private static readonly string MilestoneScript = $$"""
        () => {
          const nav = performance.getEntriesByType('navigation')[0];
          const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? -1;
          return [{{string.Join(", ", Milestones.Select(m => m.Expression))}}];
        }
        """;

    private static async Task WriteResultAsync(TextWriter output, string what, List<double> empty, List<double> full, bool goal)
    {
        var (em, e90) = (Stats.Median(empty), Stats.Percentile(empty, 90));
        var (fm, f90) = (Stats.Median(full), Stats.Percentile(full, 90));
        await output.WriteLineAsync(Invariant($"  {what}, next frame:"));
        await output.WriteLineAsync(Invariant($"    reference, verified room with no messages: median {em:F1} ms, p90 {e90:F1} ms ({empty.Count} opens)"));
        await output.WriteLineAsync(Invariant($"    {Messages} messages in history:             median {fm:F1} ms, p90 {f90:F1} ms ({full.Count} opens)"));
        var verdict = goal ? Invariant($"; goal <= 100 ms: {(fm <= 100 ? "met" : "NOT met")}") : "";
        await output.WriteLineAsync(Invariant($"    ratio {fm / em:F2}x; the history adds {fm - em:F1} ms{verdict}"));
    }

    private static async Task WritePhasesAsync(TextWriter output, List<double[]> empty, List<double[]> full)
    {
        await output.WriteLineAsync("  where the time goes (median ms from navigation start; empty room / with history):");
        for (var i = 0; i < Milestones.Length; i++)
        {
            var e = Stats.Median(empty.Select(m => m[i]).ToList());
            var f = Stats.Median(full.Select(m => m[i]).ToList());
            await output.WriteLineAsync(Invariant($"    {Milestones[i].Label,-34} {e,7:F1} / {f,7:F1}"));
        }
    }

    /// <summary>
    /// Opens Bob's popup again and again; each time, navigation start -> the frame after the list
    /// is complete (the last milestone), with the milestones on the way.
    /// </summary>
    private static async Task<List<double[]>> OpenTimesAsync(PopupProfile profile, int want)
    {
        var times = new List<double[]>();
        for (var i = 0; i < Warmup + Opens; i++)
        {
            var page = await profile.Context.NewPageAsync();
            await page.SetViewportSizeAsync(360, 600);
            await page.GotoAsync($"{PopupProfile.PopupUrl}?bench={want}");
            await page.WaitForFunctionAsync("() => window.__rendered !== null", null, new() { Timeout = 30_000, PollingInterval = 20 });
            var milestones = await page.EvaluateAsync<double[]>(MilestoneScript);
            // Every message, oldest first, however many steps the popup took to draw them.
            var inOrder = await page.EvaluateAsync<int>(@"() => [...document.querySelectorAll('#messages .message .text')]
                .filter((p, i) => p.textContent.endsWith(' #' + i)).length");
            if (inOrder < want) throw new InvalidOperationException($"popup showed {inOrder} of {want} messages in order");
            await page.CloseAsync();
            if (i >= Warmup) times.Add(milestones);
            // Extension pages share one renderer: let the closed popup's teardown finish first, as it
            // has when a person opens the popup again.
            await Task.Delay(Settle);
        }
        return times;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
