using Microsoft.Playwright;
using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Rooms;

/// <summary>
/// The start and join steps against the real host: what they show, what they
/// refuse before asking the host, keyboard behaviour (Esc, focus).
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class RoomStepsTests(ITestOutputHelper output)
{
    [Fact(Timeout = 120_000)]
    public async Task Start_and_join_steps_take_the_keyboard_and_check_input_before_the_host_sees_it()
    {
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var popup = await RoomPopup.OpenAsync(browser);
        Assert.Equal("home", await popup.ScreenAsync());

        // Start: offline is the default; Internet without STUN servers explains and links to settings.
        await popup.Page.ClickAsync("#start-room");
        await popup.WaitForScreenAsync("start");
        Assert.Equal("mode-offline", await popup.FocusedIdAsync());
        Assert.True(await popup.Page.IsCheckedAsync("#mode-offline"));
        Assert.False(await popup.Page.IsVisibleAsync("#internet-note"));
        output.WriteLine($"screenshot {await popup.ScreenshotsAsync("room-start-mode", ColorScheme.Light)}");
        await popup.Page.CheckAsync("#mode-internet");
        await popup.WaitAsync("() => !document.getElementById('internet-note').hidden", "the no-STUN note");
        Assert.True(await popup.Page.IsVisibleAsync("#open-options"));
        await popup.Page.ClickAsync("#create-room");
        Assert.Equal("start", await popup.ScreenAsync()); // refused locally: no room was asked for
        Assert.Equal("open-options", await popup.FocusedIdAsync());

        // Esc cancels the step and focus comes back to the way in.
        await popup.Page.Keyboard.PressAsync("Escape");
        await popup.WaitForScreenAsync("home");
        Assert.Equal("start-room", await popup.FocusedIdAsync());

        // Join: the PIN field keeps digits only; an empty invite is refused with a sentence.
        await popup.Page.ClickAsync("#join-room");
        await popup.WaitForScreenAsync("join");
        Assert.Equal("join-invite", await popup.FocusedIdAsync());
        Assert.Equal("numeric", await popup.Page.GetAttributeAsync("#join-pin", "inputmode"));
        await popup.Page.FocusAsync("#join-pin");
        await popup.Page.Keyboard.TypeAsync("48a2-1");
        Assert.Equal("4821", await popup.ValueAsync("#join-pin"));
        await popup.Page.ClickAsync("#join");
        await popup.WaitAsync("() => !document.getElementById('join-error').hidden", "the missing-invite error");
        Assert.Contains("invite", await popup.TextAsync("#join-error"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("join-invite", await popup.FocusedIdAsync());

        // A code that is no invite reaches the host, whose error sentence is shown.
        await popup.Page.FillAsync("#join-invite", "NOT-AN-INVITE");
        await popup.Page.ClickAsync("#join");
        await popup.WaitAsync("() => !document.getElementById('join-error').hidden && document.getElementById('join-error').textContent.length > 0 && !document.getElementById('join').disabled", "the host's error");
        output.WriteLine("host said: " + await popup.TextAsync("#join-error"));
        Assert.Equal("join", await popup.ScreenAsync());
        await popup.Page.FillAsync("#join-invite", "");
        await popup.Page.EvaluateAsync("() => { document.getElementById('join-error').hidden = true; }");
        await popup.Page.FocusAsync("#join-pin");
        output.WriteLine($"screenshot {await popup.ScreenshotsAsync("room-join-pin", ColorScheme.Light)}");
        Assert.Empty(popup.Popup.Errors);

    }

    [Fact(Timeout = 120_000)]
    public async Task Scan_tab_without_a_camera_says_so_and_the_options_page_checks_stun_entries()
    {
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var scan = await browser.Context.NewPageAsync();
        await scan.GotoAsync($"chrome-extension://{RepositoryPaths.ExtensionId}/scan/scan.html?purpose=invite");
        // Headless Chromium here has no camera: the tab must say what to do instead, not hang.
        await scan.WaitForFunctionAsync("() => !document.getElementById('scan-error').hidden", null, new() { Timeout = 20_000 });
        var said = (await scan.Locator("#scan-error").InnerTextAsync()).Trim();
        output.WriteLine("scan tab: " + said);
        Assert.Contains("paste", said, StringComparison.OrdinalIgnoreCase);

        // What a successful scan leaves behind (storage.session: memory only) is picked up by the next popup.
        await scan.EvaluateAsync("() => chrome.storage.session.set({ scanResult: { purpose: 'invite', text: 'SL1SCANNED', at: Date.now() } })");
        var picked = await RoomPopup.OpenAsync(browser);
        await picked.WaitForScreenAsync("join");
        Assert.Equal("SL1SCANNED", await picked.ValueAsync("#join-invite"));
        Assert.Equal("join-pin", await picked.FocusedIdAsync());
        Assert.Equal(0, await scan.EvaluateAsync<int>("async () => Object.keys(await chrome.storage.session.get(null)).length"));
        await picked.Popup.CloseAsync();

        var options = await browser.Context.NewPageAsync();
        await options.GotoAsync($"chrome-extension://{RepositoryPaths.ExtensionId}/options/options.html");
        await options.WaitForFunctionAsync("() => document.getElementById('pin-digits').value === '4'");
        Assert.Equal("", await options.Locator("#stun-servers").InputValueAsync()); // none by default
        await options.FillAsync("#stun-servers", "stun.example.org\nturn:relay.example.org:3478");
        await options.ClickAsync("#save");
        await options.WaitForFunctionAsync("() => !document.getElementById('stun-errors').hidden");
        Assert.Equal(2, await options.Locator("#stun-errors li").CountAsync());
        await options.FillAsync("#stun-servers", "STUN:Stun.Example.org:3478\n198.18.0.9:3478");
        await options.FillAsync("#pin-digits", "6");
        await options.ClickAsync("#save");
        await options.WaitForFunctionAsync("() => document.getElementById('options-saved').textContent.length > 0");
        Assert.Equal("stun.example.org:3478\n198.18.0.9:3478", await options.Locator("#stun-servers").InputValueAsync());

        // The popup now offers Internet mode without the no-STUN note, and makes 6-digit PINs.
        var popup = await RoomPopup.OpenAsync(browser);
        await popup.Page.ClickAsync("#start-room");
        await popup.Page.CheckAsync("#mode-internet");
        await popup.Page.WaitForTimeoutAsync(300);
        Assert.False(await popup.Page.IsVisibleAsync("#internet-note"));
        await popup.Page.CheckAsync("#mode-offline");
        await popup.Page.ClickAsync("#create-room");
        await popup.WaitForScreenAsync("invite");
        await popup.WaitAsync("() => /^[0-9]{6}$/.test(document.getElementById('pin').textContent)", "a 6-digit PIN");
        Assert.Empty(popup.Popup.Errors);
    }
}
