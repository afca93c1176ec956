using System.Reflection;
using Microsoft.Playwright;
using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests;

/// <summary>
/// The real path: Chromium starts the real securelink-host registered by the
/// real installer, the background says hello, the popup shows the answer.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class PopupConnectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(20);

    private static string ExpectedHostVersion()
    {
        var version = AssemblyName.GetAssemblyName(Path.Combine(AppContext.BaseDirectory, "securelink-host.dll")).Version!;
        return $"{version.Major}.{version.Minor}.{version.Build}";
    }

    private static void AssertIsHostProcess(int pid)
    {
        var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        Assert.Contains("securelink-host", cmdline, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task Popup_shows_the_connected_host_and_finds_the_same_host_when_reopened()
    {
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);

        var popup = await browser.OpenPopupAsync();
        await popup.WaitForStateAsync("connected", StateTimeout);
        Assert.Equal(ExpectedHostVersion(), await popup.TextAsync("#host-version"));
        Assert.Equal("1", await popup.TextAsync("#host-protocol"));
        Assert.Contains("Connected", await popup.TextAsync("#host-status-text"), StringComparison.Ordinal);
        Assert.False(await popup.Page.IsVisibleAsync("#host-fix"));
        Assert.False(await popup.Page.IsVisibleAsync("#retry"));
        var pid = await popup.PidAsync();
        AssertIsHostProcess(pid);
        output.WriteLine($"host pid {pid}; screenshot {await popup.ScreenshotAsync("popup-connected-light.png")}");
        Assert.Empty(popup.Errors);
        await popup.CloseAsync();

        // The popup is a view: closing it must not stop the host the background owns.
        var again = await browser.OpenPopupAsync(ColorScheme.Dark);
        await again.WaitForStateAsync("connected", StateTimeout);
        Assert.Equal(pid, await again.PidAsync());
        output.WriteLine($"screenshot {await again.ScreenshotAsync("popup-connected-dark.png")}");
        Assert.Empty(again.Errors);
    }

    [Fact(Timeout = 90_000)]
    public async Task Popup_explains_a_host_that_died_and_recovers_with_a_new_host()
    {
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var popup = await browser.OpenPopupAsync();
        await popup.WaitForStateAsync("connected", StateTimeout);
        var firstPid = await popup.PidAsync();
        AssertIsHostProcess(firstPid);

        await popup.RecordStatesAsync();
        using (var host = System.Diagnostics.Process.GetProcessById(firstPid))
        {
            host.Kill();
            await host.WaitForExitAsync();
        }

        await popup.Page.WaitForFunctionAsync(
            "old => document.getElementById('host-status').dataset.state === 'connected' && document.getElementById('host-pid').textContent !== String(old)",
            firstPid, new() { Timeout = (float)StateTimeout.TotalMilliseconds, PollingInterval = 25 });
        var secondPid = await popup.PidAsync();
        Assert.NotEqual(firstPid, secondPid);
        AssertIsHostProcess(secondPid);

        var states = await popup.RecordedStatesAsync();
        output.WriteLine("states: " + string.Join(" -> ", states));
        var crashed = Array.IndexOf(states, "crashed");
        Assert.True(crashed > 0, $"the popup never said the host stopped: {string.Join(" -> ", states)}");
        Assert.Equal("connected", states[^1]);
        Assert.Empty(popup.Errors);
    }
}
