using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Accessibility;

/// <summary>
/// Runs axe-core (Deque.AxeCore.Playwright) on a page as it is now, in the light and the dark
/// theme (emulated prefers-color-scheme), and fails on any serious or critical violation.
/// Lesser findings are printed, so they are seen without failing the run.
/// </summary>
public static class AxeCheck
{
    private static readonly string[] Failing = ["serious", "critical"];

    /// <summary>Every state checked in this run, for the report (state, theme, violations, minor findings).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentBag<string> Summary = [];

    public static async Task AssertCleanAsync(IPage page, string state, ITestOutputHelper output)
    {
        var problems = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            // Let a style change settle before contrast is measured.
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
            var serious = result.Violations.Where(v => Failing.Contains(v.Impact)).ToList();
            var minor = result.Violations.Except(serious).ToList();
            foreach (var v in result.Violations)
                output.WriteLine($"axe {state} {scheme}: {v.Impact} {v.Id} ({v.Nodes.Length} nodes): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
            Summary.Add($"{state}/{scheme}: {serious.Count} serious+critical, {minor.Count} minor");
            problems.AddRange(serious.Select(v => $"{state} ({scheme}): {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"));
        }
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        output.WriteLine($"axe {state}: {(problems.Count == 0 ? "clean (light and dark)" : $"{problems.Count} serious/critical")}");
        Assert.True(problems.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", problems));
    }
}
