using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests;

/// <summary>
/// MV3 lets the browser stop an idle service worker. An open native port keeps
/// it alive in Chromium, but the design must not depend on that: when the
/// worker stops anyway, the open popup says so, wakes it, and the new worker
/// starts a new host.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class ServiceWorkerRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 90_000)]
    public async Task Popup_reconnects_through_a_restarted_service_worker()
    {
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var popup = await browser.OpenPopupAsync();
        await popup.WaitForStateAsync("connected", StateTimeout);
        var firstPid = await popup.PidAsync();
        await popup.RecordStatesAsync();

        var cdp = await browser.Context.NewCDPSessionAsync(popup.Page);
        await cdp.SendAsync("ServiceWorker.enable");
        await cdp.SendAsync("ServiceWorker.stopAllWorkers");

        await popup.Page.WaitForFunctionAsync(
            "old => document.getElementById('host-status').dataset.state === 'connected' && document.getElementById('host-pid').textContent !== String(old)",
            firstPid, new() { Timeout = (float)StateTimeout.TotalMilliseconds, PollingInterval = 25 });
        var states = await popup.RecordedStatesAsync();
        output.WriteLine("states: " + string.Join(" -> ", states));
        Assert.Contains("background-lost", states);
        Assert.Equal("connected", states[^1]);

        // The old worker's port closed, so its host saw end of input and left by itself.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (File.Exists($"/proc/{firstPid}/cmdline") && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(File.Exists($"/proc/{firstPid}/cmdline") && File.ReadAllText($"/proc/{firstPid}/cmdline").Contains("securelink-host", StringComparison.Ordinal),
            $"host {firstPid} outlived the worker that owned its port");
    }
}
