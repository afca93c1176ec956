using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests;

/// <summary>
/// A registered "host" that exits the moment it starts (a broken build, a
/// missing runtime): the popup must say it stopped, keep retrying with growing
/// delays, and after a few failures point at the doctor.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class CrashingHostTests(ITestOutputHelper output)
{
    [Fact(Timeout = 90_000)]
    public async Task Popup_keeps_retrying_a_host_that_dies_on_start_and_then_suggests_the_doctor()
    {
        var dir = Directory.CreateTempSubdirectory("securelink-dying-host-").FullName;
        try
        {
            var dyingHost = Path.Combine(dir, "securelink-host");
            await File.WriteAllTextAsync(dyingHost, "#!/bin/sh\nexit 3\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dyingHost, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None, dyingHost);
            var popup = await browser.OpenPopupAsync();
            await popup.Page.WaitForFunctionAsync(@"() => document.getElementById('host-status').dataset.state === 'crashed'
                    && [...document.querySelectorAll('#host-fix .fix-command')].some(c => c.textContent === 'securelink-installer doctor')",
                null, new() { Timeout = 30_000, PollingInterval = 25 });

            Assert.Contains("stopped", await popup.TextAsync("#host-status-text"), StringComparison.Ordinal);
            Assert.Contains("Native host has exited", await popup.TextAsync("#host-reason"), StringComparison.Ordinal);
            Assert.False(await popup.Page.IsVisibleAsync("#host-details"));
            Assert.True(await popup.Page.IsVisibleAsync("#retry"));
            // Three failures in a row: the next try waits 4 s, so the countdown is showing.
            Assert.Matches(@"^Next try in [1-4] s$", await popup.TextAsync("#host-retry"));
            output.WriteLine($"screenshot {await popup.ScreenshotAsync("popup-crashed-light.png")}");
            Assert.Empty(popup.Errors);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
