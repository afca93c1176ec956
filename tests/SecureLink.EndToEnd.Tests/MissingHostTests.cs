using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests;

/// <summary>
/// A profile where the host was never registered: the browser says "not found",
/// and the popup must say what to run, then recover once it has been run.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class MissingHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 90_000)]
    public async Task Popup_names_the_install_command_when_the_host_is_not_registered_and_recovers_after_install()
    {
        // Chromium also reads the system-wide folder; a host registered there would be found.
        const string systemManifest = "/etc/chromium/native-messaging-hosts/app.securelink.host.json";
        Assert.False(File.Exists(systemManifest), $"{systemManifest} exists (a system-scope install), so no profile can lack the host");
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: false, CancellationToken.None);
        Assert.False(File.Exists(HostRegistration.ManifestPath(browser.UserDataDir)));

        var popup = await browser.OpenPopupAsync();
        await popup.WaitForStateAsync("missing", StateTimeout);
        Assert.Contains("not installed", await popup.TextAsync("#host-status-text"), StringComparison.Ordinal);
        var commands = await popup.Page.Locator("#host-fix .fix-command").AllInnerTextsAsync();
        Assert.Equal(["./securelink.sh", "securelink-installer install"], commands);
        Assert.Contains("not found", await popup.TextAsync("#host-reason"), StringComparison.OrdinalIgnoreCase);
        Assert.False(await popup.Page.IsVisibleAsync("#host-details"));
        Assert.True(await popup.Page.IsVisibleAsync("#retry"));
        output.WriteLine($"screenshot {await popup.ScreenshotAsync("popup-missing-light.png")}");

        // Keyboard only: Tab reaches "Try again now".
        var reached = false;
        for (var i = 0; i < 10 && !reached; i++)
        {
            await popup.Page.Keyboard.PressAsync("Tab");
            reached = await popup.Page.EvaluateAsync<bool>("() => document.activeElement?.id === 'retry'");
        }
        Assert.True(reached, "Tab never reached the Try again button");

        // Follow the popup's own advice, then press Enter on the focused button.
        await HostRegistration.InstallAsync(browser.UserDataDir, CancellationToken.None);
        await popup.Page.Keyboard.PressAsync("Enter");
        await popup.WaitForStateAsync("connected", StateTimeout);
        Assert.False(await popup.Page.IsVisibleAsync("#host-fix"));
        Assert.True(await popup.PidAsync() > 0);
        Assert.Empty(popup.Errors);
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_localised_element_of_the_popup_has_its_text()
    {
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: false, CancellationToken.None);
        var popup = await browser.OpenPopupAsync();
        await popup.WaitForStateAsync("missing", StateTimeout);
        var unfilled = await popup.Page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('[data-i18n]')]
            .filter(el => !el.textContent.trim() || el.textContent === el.dataset.i18n).map(el => el.dataset.i18n)");
        Assert.Empty(unfilled);
        Assert.Equal("SecureLink", await popup.Page.TitleAsync());
        Assert.Equal("polite", await popup.Page.GetAttributeAsync("#host-status-text", "aria-live"));
        Assert.Empty(popup.Errors);
    }
}
