using Microsoft.Playwright;
using SecureLink.EndToEnd.Tests.Infrastructure;

namespace SecureLink.EndToEnd.Tests.Rooms;

/// <summary>
/// The popup's room area, read and driven through the ids it exposes:
/// <c>#room[data-screen]</c> (home, start, join, invite, reply, progress, failed,
/// conversation) and <c>#room[data-state]</c> (the host's room state).
/// </summary>
public sealed class RoomPopup(PopupPage popup)
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public PopupPage Popup => popup;
    public IPage Page => popup.Page;

    /// <summary>Opens the popup, waits for the host and for the room area to have drawn its snapshot.</summary>
    public static async Task<RoomPopup> OpenAsync(ExtensionBrowser browser, ColorScheme scheme = ColorScheme.Light)
    {
        var popup = await browser.OpenPopupAsync(scheme);
        // The real popup is at most 600 px tall; the conversation scrolls inside that.
        await popup.Page.SetViewportSizeAsync(360, 600);
        await popup.WaitForStateAsync("connected", Wait);
        var room = new RoomPopup(popup);
        await room.WaitAsync("() => !document.getElementById('start-room').disabled || document.body.classList.contains('in-room')", "the room area to load");
        return room;
    }

    /// <summary>Saves <c>{name}-light.png</c> and <c>{name}-dark.png</c> of this very state (see <see cref="PopupPage.ScreenshotAsync"/>).</summary>
    public async Task<string> ScreenshotsAsync(string name, ColorScheme current)
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        var light = await popup.ScreenshotAsync($"{name}-light.png");
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        var dark = await popup.ScreenshotAsync($"{name}-dark.png");
        await Page.EmulateMediaAsync(new() { ColorScheme = current });
        return $"{light}, {dark}";
    }

    public Task<string?> ScreenAsync() => Page.GetAttributeAsync("#room", "data-screen");
    public Task<string?> RoomStateAsync() => Page.GetAttributeAsync("#room", "data-state");

    public Task WaitForScreenAsync(string screen) =>
        WaitAsync($"() => document.getElementById('room').dataset.screen === '{screen}'", $"screen '{screen}'");

    public Task WaitForRoomStateAsync(string state) =>
        WaitAsync($"() => document.getElementById('room').dataset.state === '{state}'", $"room state '{state}'");

    public async Task WaitAsync(string predicate, string what)
    {
        try
        {
            await Page.WaitForFunctionAsync(predicate, null, new() { Timeout = (float)Wait.TotalMilliseconds, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"popup never showed {what} within {Wait}; it shows screen '{await ScreenAsync()}', state '{await RoomStateAsync()}':\n" +
                $"{await Page.Locator("#room").InnerTextAsync()}\npage errors: {string.Join(" | ", popup.Errors)}");
        }
    }

    public Task<string> TextAsync(string selector) => popup.TextAsync(selector);
    public Task<string> ValueAsync(string selector) => Page.Locator(selector).InputValueAsync();
    public Task<string?> FocusedIdAsync() => Page.EvaluateAsync<string?>("() => document.activeElement?.id ?? null");

    /// <summary>Start a room in offline mode; returns (invite, pin).</summary>
    public async Task<(string Invite, string Pin)> CreateOfflineAsync()
    {
        await Page.ClickAsync("#start-room");
        await WaitForScreenAsync("start");
        await Page.CheckAsync("#mode-offline");
        await Page.ClickAsync("#create-room");
        await WaitForScreenAsync("invite");
        await WaitAsync("() => document.getElementById('invite-code').value.length > 0", "the invite code");
        return (await ValueAsync("#invite-code"), await TextAsync("#pin"));
    }

    /// <summary>Join with an invite and PIN; returns the reply code.</summary>
    public async Task<string> JoinAsync(string invite, string pin)
    {
        await Page.ClickAsync("#join-room");
        await WaitForScreenAsync("join");
        await Page.FillAsync("#join-invite", invite);
        await Page.FillAsync("#join-pin", pin);
        await Page.ClickAsync("#join");
        await WaitForScreenAsync("reply");
        await WaitAsync("() => document.getElementById('reply-out').value.length > 0", "the reply code");
        return await ValueAsync("#reply-out");
    }

    public async Task AcceptAsync(string reply)
    {
        await Page.FillAsync("#reply-code", reply);
        await Page.ClickAsync("#connect");
    }

    /// <summary>Types into the composer and presses Enter (the real way to send).</summary>
    public async Task SendAsync(string text)
    {
        await Page.FillAsync("#composer", text);
        await Page.PressAsync("#composer", "Enter");
        await WaitAsync("() => document.getElementById('composer').value === ''", "the composer cleared after sending");
    }

    public Task<string[]> MessageTextsAsync() =>
        Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#messages .message .text')].map(e => e.textContent)");

    public Task WaitForMessageAsync(string text, string from, string? status = null) =>
        WaitAsync($$"""
            () => [...document.querySelectorAll('#messages .message')].some(li =>
                li.querySelector('.text').textContent === {{System.Text.Json.JsonSerializer.Serialize(text)}}
                && li.dataset.from === '{{from}}' {{(status is null ? "" : $"&& li.dataset.status === '{status}'")}})
            """, $"message '{text}' from {from}{(status is null ? "" : $" ({status})")}");
}
