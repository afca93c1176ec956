using System.Text.Json;
using Microsoft.Playwright;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.Voice.Tests.Chromium;

/// <summary>
/// The Debian Chromium (never a downloaded one) with the interop tests' launch flags, plus
/// autoplay without a gesture so the page's AudioContext runs; one page with Chromium/audio_peer.js.
/// </summary>
internal sealed class AudioBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private AudioBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    internal IPage Page { get; }

    internal static async Task<AudioBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var args = ChromiumFixture.LaunchArgs().Append("--autoplay-policy=no-user-gesture-required").ToList();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumFixture.ExecutablePath,
                Headless = true,
                Args = args,
            });
            var page = await browser.NewPageAsync();
            await page.GotoAsync("about:blank");
            await page.EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Chromium", "audio_peer.js")));
            return new AudioBrowser(playwright, browser, page);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    internal Task<string> OfferAsync(double hz) => Page.EvaluateAsync<string>("(hz) => slAudio.offer(hz)", hz);
    internal Task<string> AnswerAsync(double hz, string offer) => Page.EvaluateAsync<string>("([hz, o]) => slAudio.answer(hz, o)", new object[] { hz, offer });
    internal Task AcceptAsync(string answer) => Page.EvaluateAsync("(a) => slAudio.accept(a)", answer);
    internal Task<string> StateAsync() => Page.EvaluateAsync<string>("() => slAudio.state()");
    internal async Task<string> StatsAsync() => JsonSerializer.Serialize(await Page.EvaluateAsync<JsonElement>("() => slAudio.stats()"));

    /// <summary>The loudest frequency the page hears (null before a remote track).</summary>
    internal async Task<(double Hz, double Db)?> PeakAsync()
    {
        var p = await Page.EvaluateAsync<JsonElement?>("() => slAudio.peak()");
        if (p is not { ValueKind: JsonValueKind.Object } e) return null;
        return (e.GetProperty("hz").GetDouble(), e.GetProperty("db").GetDouble());
    }

    /// <summary>Polls until the page hears <paramref name="hz"/> (± one 6 Hz bin and a half) above −70 dB, or the token fires.</summary>
    internal async Task<(double Hz, double Db)?> WaitToHearAsync(double hz, CancellationToken ct)
    {
        (double Hz, double Db)? last = null;
        var heardInARow = 0;
        while (!ct.IsCancellationRequested)
        {
            last = await PeakAsync();
            heardInARow = last is { } p && Math.Abs(p.Hz - hz) <= 9 && p.Db > -70 ? heardInARow + 1 : 0;
            if (heardInARow >= 5) return last;  // 5 readings 100 ms apart: a steady tone, not one lucky frame
            try { await Task.Delay(100, ct); } catch (OperationCanceledException) { break; }
        }
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        try { await Page.EvaluateAsync("() => slAudio.close()"); } catch (PlaywrightException) { }
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
