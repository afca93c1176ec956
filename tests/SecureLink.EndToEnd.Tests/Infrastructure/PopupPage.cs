using Microsoft.Playwright;

namespace SecureLink.EndToEnd.Tests.Infrastructure;

/// <summary>The popup page, read through the stable ids it exposes for tests.</summary>
public sealed class PopupPage(IPage page, List<string> errors)
{
    public IPage Page => page;

    /// <summary>Script errors and console errors/warnings the page produced so far.</summary>
    public IReadOnlyList<string> Errors { get { lock (errors) return errors.ToList(); } }

    public Task<string?> StateAsync() => page.GetAttributeAsync("#host-status", "data-state");

    /// <summary>Waits until #host-status has data-state=<paramref name="state"/>; fails with what it shows instead.</summary>
    public async Task WaitForStateAsync(string state, TimeSpan timeout)
    {
        try
        {
            await page.WaitForFunctionAsync("s => document.getElementById('host-status')?.dataset.state === s", state,
                new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 25 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"popup never reached '{state}' within {timeout}; it shows '{await StateAsync()}': " +
                $"{await TextAsync("#host-status")}\npage errors: {string.Join(" | ", Errors)}");
        }
    }

    public async Task<string> TextAsync(string selector) => (await page.Locator(selector).InnerTextAsync()).Trim();

    public async Task<int> PidAsync() => int.Parse(await TextAsync("#host-pid"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>From now on, records every data-state the status card takes (a MutationObserver, so no transition is missed).</summary>
    public Task RecordStatesAsync() => page.EvaluateAsync(@"() => {
        const el = document.getElementById('host-status');
        window.__slStates = [el.dataset.state];
        new MutationObserver(() => window.__slStates.push(el.dataset.state)).observe(el, { attributes: true, attributeFilter: ['data-state'] });
    }");

    public Task<string[]> RecordedStatesAsync() => page.EvaluateAsync<string[]>("() => window.__slStates");

    /// <summary>Saves a screenshot under the test results, and into docs/screenshots when SECURELINK_UPDATE_SCREENSHOTS=1.</summary>
    public async Task<string> ScreenshotAsync(string fileName)
    {
        var path = ScreenshotFiles.PathFor(fileName);
        // Stop the pulsing dot so the picture is the same every time.
        await page.AddStyleTagAsync(new() { Content = "*{animation:none!important;transition:none!important}" });
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return ScreenshotFiles.Publish(path);
    }

    public Task CloseAsync() => page.CloseAsync();
}
