using Microsoft.Playwright;

namespace SecureLink.WebRtc.Tests.Infrastructure;

/// <summary>
/// One real Chromium (the Debian build, never a downloaded one) shared by the
/// tests of a collection; each test gets its own page holding one or more
/// RTCPeerConnections from tests/interop/chromium_peer.js.
/// </summary>
public sealed class ChromiumFixture : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumFixture(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>The launch flags: quiet (no background traffic), and host
    /// candidates as plain IPs. Chromium honours only the last
    /// --disable-features, so every feature goes in that one list.</summary>
    public static IReadOnlyList<string> LaunchArgs()
    {
        var args = new List<string>
        {
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-gpu", "--disable-quic",
            "--disable-features=WebRtcHideLocalIpsWithMdns",
        };
        if (Environment.UserName == "root") args.Insert(0, "--no-sandbox");
        return args;
    }

    public static async Task<ChromiumFixture> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = LaunchArgs(),
            }).ConfigureAwait(false);
            return new ChromiumFixture(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh about:blank page with the peer script loaded.</summary>
    public async Task<ChromiumPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync().ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "interop", "chromium_peer.js")).ConfigureAwait(false);
        await page.GotoAsync("about:blank").ConfigureAwait(false);
        await page.EvaluateAsync(script).ConfigureAwait(false);
        return new ChromiumPage(context, page);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }
}

/// <summary>A page with RTCPeerConnections named by the caller.</summary>
public sealed class ChromiumPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page => page;

    public Task CreatePeerAsync(string name, bool echo) => page.EvaluateAsync("([n, e]) => slPeers.create(n, e)", new object[] { name, echo });
    public Task<string> OfferAsync(string name, string? label) => page.EvaluateAsync<string>("([n, l]) => slPeers.offer(n, l)", new object?[] { name, label });
    public Task<string> AnswerAsync(string name, string offer) => page.EvaluateAsync<string>("([n, o]) => slPeers.answer(n, o)", new object[] { name, offer });
    public Task AcceptAsync(string name, string answer) => page.EvaluateAsync("([n, a]) => slPeers.accept(n, a)", new object[] { name, answer });
    public Task SendAsync(string name, string label, string text) => page.EvaluateAsync("([n, l, t]) => slPeers.send(n, l, t)", new object[] { name, label, text });
    public Task SendBinaryAsync(string name, string label, byte[] data) =>
        page.EvaluateAsync("([n, l, b]) => slPeers.sendBinary(n, l, b)", new object[] { name, label, Convert.ToBase64String(data) });
    public Task SendManyAsync(string name, string label, string prefix, int count) =>
        page.EvaluateAsync("([n, l, p, c]) => slPeers.sendMany(n, l, p, c)", new object[] { name, label, prefix, count });
    public Task CloseChannelAsync(string name, string label) => page.EvaluateAsync("([n, l]) => slPeers.closeChannel(n, l)", new object[] { name, label });
    public Task ClosePeerAsync(string name) => page.EvaluateAsync("(n) => slPeers.close(n)", name);
    public Task<string> StateAsync(string name) => page.EvaluateAsync<string>("(n) => slPeers.state(n)", name);

    /// <summary>Received messages since the last call: (text, null) or (null, bytes).</summary>
    public async Task<IReadOnlyList<(string? Text, byte[]? Binary)>> TakeAsync(string name)
    {
        var items = await page.EvaluateAsync<InboxItem[]>("(n) => slPeers.take(n)", name).ConfigureAwait(false);
        return items.Select(i => (i.Data, i.Binary is null ? null : Convert.FromBase64String(i.Binary))).ToList();
    }

    /// <summary>Polls until <paramref name="name"/>'s channel <paramref name="label"/> is open.</summary>
    public async Task WaitOpenAsync(string name, string label, CancellationToken ct)
    {
        while (!await page.EvaluateAsync<bool>("([n, l]) => slPeers.isOpen(n, l)", new object[] { name, label }).ConfigureAwait(false))
            await Task.Delay(20, ct).ConfigureAwait(false);
    }

    /// <summary>Polls the inbox until <paramref name="count"/> messages arrived.</summary>
    public async Task<List<(string? Text, byte[]? Binary)>> WaitMessagesAsync(string name, int count, CancellationToken ct)
    {
        var all = new List<(string?, byte[]?)>();
        while (all.Count < count)
        {
            all.AddRange(await TakeAsync(name).ConfigureAwait(false));
            if (all.Count < count) await Task.Delay(20, ct).ConfigureAwait(false);
        }
        return all;
    }

    public async Task WaitStateAsync(string name, string state, CancellationToken ct)
    {
        while (await StateAsync(name).ConfigureAwait(false) != state)
            await Task.Delay(20, ct).ConfigureAwait(false);
    }

    /// <summary>Polls the peer's event list ({type:"open"|"closed"|"state", label, state}) until one matches.</summary>
    public async Task WaitEventAsync(string name, Func<PeerEvent, bool> match, CancellationToken ct)
    {
        var seen = new List<PeerEvent>();
        while (true)
        {
            var events = await page.EvaluateAsync<PeerEvent[]>("(n) => slPeers.events(n)", name).ConfigureAwait(false);
            seen.AddRange(events);
            if (events.Any(match)) return;
            await Task.Delay(20, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync().ConfigureAwait(false);

    public sealed class PeerEvent
    {
        public string? Type { get; set; }
        public string? Label { get; set; }
        public string? State { get; set; }
    }

    private sealed class InboxItem
    {
        public string? Label { get; set; }
        public string? Data { get; set; }
        public string? Binary { get; set; }
    }
}
