using System.Globalization;
using Microsoft.Playwright;
using SecureLink.Benchmarks.Host;

namespace SecureLink.Benchmarks;

/// <summary>
/// popup-roundtrip: from the popup page, 1,000 sequential <c>hello</c>
/// requests through the background to the real host and back, against 1,000
/// <c>ping</c>s the background answers itself (the in-run reference: what the
/// extension's own runtime port costs), so the ratio shows the host's share.
/// Runs Debian's Chromium with the built extension and a host registered by the
/// real installer in a throw-away profile.
/// </summary>
public sealed class PopupRoundTripBenchmark : IBenchmark
{
    private const int Count = 1000;
    private const int Warmup = 300;

    public string Name => "popup-roundtrip";

    public string Description => $"{Count} sequential hello requests popup -> background -> host -> popup, vs popup -> background -> popup ping (median, p99 ms)";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var root = BrowserBench.FindRoot();
        var extension = Path.Combine(root, "Extension");
        await BrowserBench.RunAsync(Path.Combine(extension, "build.sh"), [], cancellationToken);

        var profile = Directory.CreateTempSubdirectory("securelink-bench-").FullName;
        try
        {
            await BrowserBench.RunAsync(Path.Combine(AppContext.BaseDirectory, "securelink-installer"),
                ["install", "--browser", "chromium", "--profile-dir", profile, "--host-path", Path.Combine(AppContext.BaseDirectory, "securelink-host")],
                cancellationToken);

            using var playwright = await Playwright.CreateAsync();
            await using var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = BrowserBench.LaunchArgs(Path.Combine(extension, "dist", "chromium")),
                IgnoreDefaultArgs = ["--disable-extensions"],
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync("chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/popup/popup.html");
            await page.WaitForFunctionAsync("() => document.getElementById('host-status')?.dataset.state === 'connected'",
                null, new() { Timeout = 30_000 });

            // Both loops run in the page through the popup's own client module, one request in flight at a time.
            const string loop = @"async ([type, count, warmup]) => {
                const { BackgroundClient } = await import('./background-client.js');
                const client = new BackgroundClient();
                client.connect();
                const request = type === 'hello' ? { type: 'hello', protocol: 1 } : { type: 'ping' };
                const times = [];
                for (let i = 0; i < warmup + count; i++) {
                    const start = performance.now();
                    const response = await client.request(request);
                    const elapsed = performance.now() - start;
                    if (!response.ok) throw new Error(type + ' failed: ' + JSON.stringify(response.error));
                    if (i >= warmup) times.push(elapsed);
                }
                client.close();
                return times;
            }";
            var ping = await page.EvaluateAsync<double[]>(loop, new object[] { "ping", Count, Warmup });
            var hello = await page.EvaluateAsync<double[]>(loop, new object[] { "hello", Count, Warmup });
            var ping2 = await page.EvaluateAsync<double[]>(loop, new object[] { "ping", Count, Warmup });
            var reference = ping.Concat(ping2).ToArray();

            var (pm, p99) = (Stats.Percentile(reference, 50), Stats.Percentile(reference, 99));
            var (hm, h99) = (Stats.Percentile(hello, 50), Stats.Percentile(hello, 99));
            // performance.now() is coarsened to 0.1 ms in extension pages; the mean (sum / count) resolves finer.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reference ping (popup->background->popup): median {pm:F1} ms, p99 {p99:F1} ms, mean {reference.Average():F3} ms ({reference.Length} samples)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  hello (popup->background->host->popup):    median {hm:F1} ms, p99 {h99:F1} ms, mean {hello.Average():F3} ms ({hello.Length} samples)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio hello/ping: median {hm / pm:F2}x, mean {hello.Average() / reference.Average():F2}x; the host leg adds {hello.Average() - reference.Average():F3} ms on average (goal: hello median <= 2 ms: {(hm <= 2 ? "met" : "NOT met")})"));
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
