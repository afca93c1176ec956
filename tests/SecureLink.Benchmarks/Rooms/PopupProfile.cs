using Microsoft.Playwright;

namespace SecureLink.Benchmarks.Rooms;

/// <summary>
/// One person for the popup benchmarks: a throw-away Chromium profile with the built extension
/// and a host registered there by the real installer, and its popup page open and connected.
/// </summary>
internal sealed class PopupProfile : IAsyncDisposable
{
    public const string PopupUrl = "chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/popup/popup.html";

    private readonly string _profile;
    private readonly IBrowserContext _context;

    private PopupProfile(string profile, IBrowserContext context, IPage page)
    {
        _profile = profile;
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    public IBrowserContext Context => _context;

    public static async Task BuildExtensionAsync(CancellationToken ct) =>
        await BrowserBench.RunAsync(Path.Combine(BrowserBench.FindRoot(), "Extension", "build.sh"), [], ct);

    public static async Task<PopupProfile> LaunchAsync(IPlaywright playwright, CancellationToken ct)
    {
        var profile = Directory.CreateTempSubdirectory("securelink-bench-").FullName;
        try
        {
            await BrowserBench.RunAsync(Path.Combine(AppContext.BaseDirectory, "securelink-installer"),
                ["install", "--browser", "chromium", "--profile-dir", profile, "--host-path", Path.Combine(AppContext.BaseDirectory, "securelink-host")], ct);
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = BrowserBench.LaunchArgs(Path.Combine(BrowserBench.FindRoot(), "Extension", "dist", "chromium")),
                IgnoreDefaultArgs = ["--disable-extensions"],
            });
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(360, 600);
            await page.GotoAsync(PopupUrl);
            await page.WaitForFunctionAsync("() => document.getElementById('host-status')?.dataset.state === 'connected'", null, new() { Timeout = 30_000 });
            await page.WaitForFunctionAsync("() => !document.getElementById('start-room').disabled || document.body.classList.contains('in-room')",
                null, new() { Timeout = 30_000 });
            return new PopupProfile(profile, context, page);
        }
        catch
        {
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> warmup + count times through the popup's own client module,
    /// one in flight at a time; every answer must be ok. A <c>{i}</c> in the request's <c>text</c>
    /// becomes the request's number (from 0 after the warm-up). Returns the count timed round trips (ms).
    /// </summary>
    public Task<double[]> TimeRequestsAsync(object request, int count, int warmup = 0) =>
        Page.EvaluateAsync<double[]>(@"async ([request, count, warmup]) => {
            const { BackgroundClient } = await import('./background-client.js');
            const client = new BackgroundClient();
            client.connect();
            const times = [];
            try {
                for (let i = 0; i < warmup + count; i++) {
                    const start = performance.now();
                    const n = i - warmup;
                    const response = await client.request(typeof request.text === 'string' ? { ...request, text: request.text.replaceAll('{i}', String(n)) } : request);
                    const elapsed = performance.now() - start;
                    if (!response.ok) throw new Error(request.type + ' failed: ' + JSON.stringify(response.error));
                    if (i >= warmup) times.push(elapsed);
                }
            } finally {
                client.close();
            }
            return times;
        }", new object[] { request, count, warmup });

    public Task WaitAsync(string predicate, int timeoutMs = 30_000) =>
        Page.WaitForFunctionAsync(predicate, null, new() { Timeout = timeoutMs, PollingInterval = 20 });

    public Task WaitForScreenAsync(string screen) => WaitAsync($"() => document.getElementById('room').dataset.screen === '{screen}'");

    public Task WaitForRoomStateAsync(string state) => WaitAsync($"() => document.getElementById('room').dataset.state === '{state}'");

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        TryDelete(_profile);
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
