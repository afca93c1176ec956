using System.Diagnostics;
using Microsoft.Playwright;
using SecureLink.Calls.Measurement;
using SecureLink.EndToEnd.Tests.Accessibility;
using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Options;

/// <summary>
/// The options page's audio checks with the real host (started by the browser) on a private
/// PulseAudio daemon (PULSE_SERVER): a 440 Hz sine source and two null sinks. Pressing "Test
/// microphone" with the sine source chosen (not saved) moves the meter; releasing it, or closing
/// the page, leaves no record stream on the server; "Play test tone" is heard on the chosen sink
/// only; a device that vanished is said in words. axe-core runs with the meter showing a level.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class OptionsAudioTests(ITestOutputHelper output)
{
    private static string OptionsUrl => $"chrome-extension://{RepositoryPaths.ExtensionId}/options/options.html";

    [Fact(Timeout = 240_000)]
    public async Task The_microphone_test_moves_the_meter_closes_with_the_page_and_the_tone_plays_on_the_chosen_speaker()
    {
        using var pulse = PulseAudioDaemon.Start("sl_spk", "sl_quiet");
        var sine = pulse.Pactl("load-module", "module-sine-source", "source_name=sl_sine", "rate=48000", "frequency=440").Trim();
        pulse.Pactl("set-default-source", "sl_quiet.monitor");
        pulse.Pactl("set-default-sink", "sl_quiet");
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None,
            environment: new Dictionary<string, string> { ["PULSE_SERVER"] = pulse.Server });

        var page = await OpenAsync(browser);
        Assert.Equal("false", await page.GetAttributeAsync("#mic-test", "aria-pressed"));
        // Chosen in the list, not saved: the check follows what the person sees.
        await page.SelectOptionAsync("#audio-input", "sl_sine");
        await page.FocusAsync("#mic-test");
        await page.Keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => document.getElementById('mic-test').getAttribute('aria-pressed') === 'true'");
        await page.WaitForFunctionAsync("() => Number(document.getElementById('mic-meter').getAttribute('aria-valuenow')) > 50",
            null, new() { Timeout = 20_000 });
        output.WriteLine($"meter {await page.GetAttributeAsync("#mic-meter", "aria-valuetext")}; status: {await page.InnerTextAsync("#mic-test-status")}");
        Assert.Equal(1, SourceOutputs(pulse));
        await page.Keyboard.PressAsync("Enter"); // the toggle still has the focus
        await page.WaitForFunctionAsync("() => document.getElementById('mic-test').getAttribute('aria-pressed') === 'false'");
        Assert.Equal("0", await page.GetAttributeAsync("#mic-meter", "aria-valuenow"));
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "releasing the toggle closes the microphone");

        // On again, then the page closes: the background turns the microphone off.
        await page.ClickAsync("#mic-test");
        await page.WaitForFunctionAsync("() => document.getElementById('mic-test').getAttribute('aria-pressed') === 'true'");
        await WaitForAsync(() => SourceOutputs(pulse) == 1, "the microphone opens again");
        await page.CloseAsync();
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "closing the page closes the microphone");

        // The page with the meter showing a level: axe in both themes, and the screenshots.
        page = await OpenAsync(browser);
        await page.SelectOptionAsync("#audio-input", "sl_sine");
        await page.ClickAsync("#mic-test");
        await page.WaitForFunctionAsync("() => Number(document.getElementById('mic-meter').getAttribute('aria-valuenow')) > 50",
            null, new() { Timeout = 20_000 });
        await AxeCheck.AssertCleanAsync(page, "options-audio", output);
        await ShotAsync(page, "options-audio-light.png", ColorScheme.Light);
        await ShotAsync(page, "options-audio-dark.png", ColorScheme.Dark);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        // (On a slow run the 30 s limit may have closed it already; then the toggle is released.)
        if (await page.GetAttributeAsync("#mic-test", "aria-pressed") == "true") await page.ClickAsync("#mic-test");
        await page.WaitForFunctionAsync("() => document.getElementById('mic-test').getAttribute('aria-pressed') === 'false'");
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "the microphone is closed before the tone");

        // The tone is heard on the speaker chosen in the list, and nowhere else.
        await page.SelectOptionAsync("#audio-output", "sl_spk");
        var clock = Stopwatch.StartNew();
        using (var speaker = new MonitorRecorder(pulse.Server, "sl_spk.monitor", clock))
        using (var other = new MonitorRecorder(pulse.Server, "sl_quiet.monitor", clock))
        {
            speaker.Start();
            other.Start();
            await page.ClickAsync("#tone-test");
            await page.WaitForFunctionAsync("() => document.getElementById('tone-test').getAttribute('aria-disabled') === 'true'");
            await page.WaitForFunctionAsync("() => !document.getElementById('tone-test').hasAttribute('aria-disabled')", null, new() { Timeout = 20_000 });
            await Task.Delay(300);
            var heard = speaker.Stop();
            var elsewhere = other.Stop();
            var peak = heard.Length == 0 ? 0 : heard.Max(s => Math.Abs((int)s));
            output.WriteLine($"tone: peak {peak} on sl_spk; status: {await page.InnerTextAsync("#tone-test-status")}");
            Assert.InRange(peak, 6000, 12000); // −12 dBFS is 8231
            Assert.True(elsewhere.Length == 0 || elsewhere.Max(s => Math.Abs((int)s)) < 50, "the tone leaked onto the other sink");
        }
        Assert.True(await page.IsHiddenAsync("#audio-test-error"));
        Assert.Contains("played", await page.InnerTextAsync("#tone-test-status"), StringComparison.Ordinal);

        // The sine source goes away while its name is still in the list: the page says so in words.
        pulse.Pactl("unload-module", sine);
        await page.SelectOptionAsync("#audio-input", "sl_sine");
        await page.ClickAsync("#mic-test");
        await page.WaitForFunctionAsync("() => !document.getElementById('audio-test-error').hidden", null, new() { Timeout = 20_000 });
        Assert.Contains("could not be opened", await page.InnerTextAsync("#audio-test-error"), StringComparison.Ordinal);
        Assert.Equal("false", await page.GetAttributeAsync("#mic-test", "aria-pressed"));
        Assert.Equal(0, SourceOutputs(pulse));
    }

    private static async Task<IPage> OpenAsync(ExtensionBrowser browser)
    {
        var page = await browser.Context.NewPageAsync();
        await page.SetViewportSizeAsync(600, 900);
        await page.GotoAsync(OptionsUrl);
        await page.WaitForFunctionAsync("() => document.body.dataset.loaded === 'true'");
        // The host's device list has arrived once the sine source is offered.
        await page.WaitForFunctionAsync("() => [...document.getElementById('audio-input').options].some(o => o.value === 'sl_sine')",
            null, new() { Timeout = 30_000 });
        return page;
    }

    private async Task ShotAsync(IPage page, string name, ColorScheme scheme)
    {
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        output.WriteLine("screenshot " + await new PopupPage(page, []).ScreenshotAsync(name));
    }

    private static int SourceOutputs(PulseAudioDaemon pulse) =>
        pulse.Pactl("list", "short", "source-outputs").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) Assert.Fail($"not within 15 s: {what}");
            await Task.Delay(100);
        }
    }
}
