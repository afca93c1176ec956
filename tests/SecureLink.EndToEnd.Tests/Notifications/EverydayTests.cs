using System.Text.Json;
using Microsoft.Playwright;
using SecureLink.EndToEnd.Tests.Accessibility;
using SecureLink.EndToEnd.Tests.Infrastructure;
using SecureLink.EndToEnd.Tests.Rooms;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Notifications;

/// <summary>
/// Everyday use with two real hosts: Alice (English) sets her options, which persist and shape
/// her rooms (PIN length, invite lifetime, STUN list, theme); Bob's browser speaks Arabic, so his
/// popup is right-to-left. With Alice's popup closed, her toolbar badge counts Bob's messages and
/// shows the room state, and a message notification appears without the text; opening the
/// conversation clears both. The pop-out window is the same popup, connected to the same host;
/// an incoming call rings a notification whose Accept answers it and opens that window.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class EverydayTests(ITestOutputHelper output)
{
    private const string Secret = "the boat leaves at nine";
    private const string Stun = "198.18.0.1:3478";

    [Fact(Timeout = 240_000)]
    public async Task Options_shape_rooms_the_badge_and_notifications_follow_the_room_and_the_pop_out_keeps_it()
    {
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None, locale: "ar");

        // Options: set, save, reload: every value is still there.
        var options = await alice.Context.NewPageAsync();
        await options.GotoAsync($"chrome-extension://{RepositoryPaths.ExtensionId}/options/options.html");
        await options.WaitForFunctionAsync("() => document.body.dataset.loaded === 'true'");
        Assert.Equal("", await options.InputValueAsync("#stun-servers"));
        Assert.False(await options.IsCheckedAsync("#notify-messages"), "message notifications are off by default");
        Assert.True(await options.IsDisabledAsync("#notify-previews"), "previews mean nothing without message notifications");
        await options.FillAsync("#stun-servers", "stun:nope");
        await options.ClickAsync("#save");
        await options.WaitForFunctionAsync("() => !document.getElementById('stun-errors').hidden");
        Assert.Equal("stun-servers", await options.EvaluateAsync<string>("() => document.activeElement.id"));
        await options.FillAsync("#stun-servers", Stun);
        await options.FillAsync("#pin-digits", "6");
        await options.FillAsync("#invite-minutes", "3");
        await options.CheckAsync("#notify-messages");
        await AxeCheck.AssertCleanAsync(options, "options", output);
        await ShotAsync(options, "options-light.png", "light");
        await options.CheckAsync("#theme-dark");
        await options.ClickAsync("#save");
        await options.WaitForFunctionAsync("() => document.getElementById('options-saved').textContent.length > 0");
        await ShotAsync(options, "options-dark.png", "light"); // dark although the system is light: the option wins
        await options.ReloadAsync();
        await options.WaitForFunctionAsync("() => document.body.dataset.loaded === 'true'");
        Assert.Equal(Stun, await options.InputValueAsync("#stun-servers"));
        Assert.Equal("6", await options.InputValueAsync("#pin-digits"));
        Assert.Equal("3", await options.InputValueAsync("#invite-minutes"));
        Assert.True(await options.IsCheckedAsync("#notify-messages"));
        Assert.False(await options.IsCheckedAsync("#notify-previews"));
        Assert.True(await options.IsCheckedAsync("#theme-dark"));
        Assert.Equal("dark", await options.GetAttributeAsync("html", "data-theme"));
        Assert.Equal("default", await options.InputValueAsync("#audio-input"));
        output.WriteLine("audio note: " + await options.InnerTextAsync("#audio-note"));
        await options.CloseAsync();

        // The popup takes the theme, and room.create takes the STUN list, PIN length and lifetime.
        var a = await OpenRecordingAsync(alice);
        Assert.Equal("dark", await a.Page.GetAttributeAsync("html", "data-theme"));
        Assert.Equal("rgb(20, 22, 28)", await a.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await a.Page.ClickAsync("#start-room");
        await a.WaitForScreenAsync("start");
        await a.Page.CheckAsync("#mode-internet");
        Assert.True(await a.Page.IsHiddenAsync("#internet-note"), "a STUN server is set, so there is nothing to warn about");
        await a.Page.ClickAsync("#create-room");
        await a.WaitAsync("() => window.__sent.some(m => m.type === 'room.create')", "room.create sent");
        var create = await a.Page.EvaluateAsync<JsonElement>("() => window.__sent.find(m => m.type === 'room.create')");
        output.WriteLine("room.create: " + create);
        Assert.Equal("internet", create.GetProperty("mode").GetString());
        Assert.Equal([Stun], create.GetProperty("stunServers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(6, create.GetProperty("pinDigits").GetInt32());
        Assert.Equal(180, create.GetProperty("expiresInSeconds").GetInt32());
        await a.WaitForScreenAsync("invite");
        await a.Page.ClickAsync("#cancel-invite");
        await a.WaitForScreenAsync("home");

        var (invite, pin) = await a.CreateOfflineAsync();
        Assert.Matches("^[0-9]{6}$", pin);
        var expiry = await a.TextAsync("#invite-expiry");
        Assert.Matches(@"[0-3]:\d\d", expiry);
        Assert.Equal("•", await BadgeAsync(alice, a.Page));

        // Bob, in Arabic: the popup is right-to-left, mirrored, and speaks Arabic.
        var b = await RoomPopup.OpenAsync(bob);
        Assert.Equal("rtl", await b.Page.GetAttributeAsync("html", "dir"));
        Assert.Equal("ar", await b.Page.GetAttributeAsync("html", "lang"));
        Assert.Equal("إنشاء غرفة", await b.TextAsync("#start-room"));
        var logo = await b.Page.Locator(".app-header .logo").BoundingBoxAsync();
        var title = await b.Page.Locator(".app-header h1").BoundingBoxAsync();
        Assert.True(logo!.X > title!.X, $"the logo is at the right in RTL (logo x {logo.X}, title x {title.X})");
        await ShotAsync(b.Page, "popup-rtl-ar.png", "light");
        var reply = await b.JoinAsync(invite, pin);
        await a.AcceptAsync(reply);
        await a.WaitForScreenAsync("conversation");
        await b.WaitForScreenAsync("conversation");
        await a.SendAsync("مرحبا Bob, this line mixes both directions");
        await b.WaitForMessageAsync("مرحبا Bob, this line mixes both directions", "peer");
        await b.SendAsync("أهلًا! وصلت رسالتك.");
        await a.WaitForMessageAsync("أهلًا! وصلت رسالتك.", "peer");
        var mine = await b.Page.Locator("#messages .message[data-from='me']").Last.BoundingBoxAsync();
        var theirs = await b.Page.Locator("#messages .message[data-from='peer']").Last.BoundingBoxAsync();
        Assert.True(mine!.X < theirs!.X, "in RTL my messages sit at the left, theirs at the right");
        await AxeCheck.AssertCleanAsync(b.Page, "conversation in Arabic (rtl)", output);
        await ShotAsync(b.Page, "room-conversation-rtl-ar.png", "light");
        Assert.Equal("✓", await BadgeAsync(alice, a.Page));

        // Alice's popup closes. Bob writes twice: her badge counts, one notification, no text in it.
        await a.Popup.CloseAsync();
        var probe = await alice.Context.NewPageAsync();
        await alice.EvaluateInBackgroundAsync(probe, """
            (() => {
              const n = chrome.notifications;
              self.__made = [];
              const create = n.create.bind(n);
              n.create = (id, options) => { self.__made.push({ id, ...options }); return create(id, options); };
              return true;
            })()
            """);
        await b.SendAsync(Secret);
        await b.SendAsync("second");
        await WaitBadgeAsync(alice, probe, "2");
        var title2 = (await alice.EvaluateInBackgroundAsync(probe, "chrome.action.getTitle({})")).GetString();
        output.WriteLine($"badge 2, title '{title2}'");
        Assert.Contains("2 unread", title2, StringComparison.Ordinal);
        var made = await alice.EvaluateInBackgroundAsync(probe, "self.__made");
        output.WriteLine("notifications: " + made);
        Assert.Equal(2, made.GetArrayLength());
        Assert.All(made.EnumerateArray(), n => Assert.Equal("securelink-message", n.GetProperty("id").GetString()));
        Assert.DoesNotContain(Secret, made.ToString(), StringComparison.Ordinal);
        Assert.Equal("Open SecureLink to read it.", made[0].GetProperty("message").GetString());
        Assert.Equal("2 new SecureLink messages", made[1].GetProperty("title").GetString());
        // Asked for is not shown: Chromium refuses a notification whose icon it cannot load.
        Assert.Contains("securelink-message", await ShownNotificationsAsync(alice, probe));
        if (ExtensionBrowser.Display is { } display)
            output.WriteLine("screen " + await ScreenCapture.NotificationCornerAsync(display, "notification-message.png", CancellationToken.None));
        var shortcut = await alice.EvaluateInBackgroundAsync(probe, "chrome.commands.getAll().then(c => c.find(x => x.name === '_execute_action')?.shortcut ?? '')");
        Assert.Equal("Alt+Shift+S", shortcut.GetString());

        // Opening the conversation reads it: the count and the notification go.
        a = await RoomPopup.OpenAsync(alice);
        await a.WaitForScreenAsync("conversation");
        await WaitBadgeAsync(alice, probe, "✓");
        var left = await alice.EvaluateInBackgroundAsync(probe, "chrome.notifications.getAll().then(all => Object.keys(all))");
        Assert.Equal(0, left.GetArrayLength());

        // Pop out: the same conversation in its own window, live, and it can send.
        var window = await alice.Context.RunAndWaitForPageAsync(() => a.Page.ClickAsync("#pop-out"),
            new() { Predicate = p => p.Url.Contains("view=window", StringComparison.Ordinal), Timeout = 15_000 });
        var w = new RoomPopup(new PopupPage(window, []));
        await w.WaitForScreenAsync("conversation");
        Assert.True(await window.IsHiddenAsync("#pop-out"), "no pop-out button inside the pop-out");
        Assert.Equal(4, (await w.MessageTextsAsync()).Length);
        await b.SendAsync("still here?");
        await w.WaitForMessageAsync("still here?", "peer");
        await w.SendAsync("yes, in my own window");
        await b.WaitForMessageAsync("yes, in my own window", "peer");
        await window.SetViewportSizeAsync(400, 660);
        await ShotAsync(window, "popout-window-dark.png", "dark");

        // Bob calls while Alice has no SecureLink window open: her notification rings with
        // Accept / Decline; Accept (pressed the way the notification would) answers through her
        // host and opens the pop-out, which keeps the call after everything else is closed.
        await window.CloseAsync();
        await a.Popup.CloseAsync();
        await alice.EvaluateInBackgroundAsync(probe, "(self.__made = [], true)");
        await HostRequestAsync(b.Page, "call.start");
        await WaitAsync(alice, probe, "self.__made.some(n => n.id === 'securelink-call')", "the call notification");
        var call = (await alice.EvaluateInBackgroundAsync(probe, "self.__made.find(n => n.id === 'securelink-call')"));
        output.WriteLine("call notification: " + call);
        Assert.Equal(["Accept", "Decline"], call.GetProperty("buttons").EnumerateArray().Select(x => x.GetProperty("title").GetString()));
        Assert.Contains("securelink-call", await ShownNotificationsAsync(alice, probe));
        if (ExtensionBrowser.Display is { } screen)
            output.WriteLine("screen " + await ScreenCapture.NotificationCornerAsync(screen, "notification-call.png", CancellationToken.None));
        var answered = await alice.Context.RunAndWaitForPageAsync(
            () => alice.EvaluateInBackgroundAsync(probe, "secureLinkBackground.notifier.buttonClicked('securelink-call', 0).then(() => true)"),
            new() { Predicate = p => p.Url.Contains("view=window", StringComparison.Ordinal), Timeout = 15_000 });
        await answered.WaitForLoadStateAsync();
        await WaitCallAsync(b.Page, "active");
        await WaitCallAsync(answered, "active");
        await Task.Delay(1500);
        await WaitCallAsync(b.Page, "active");
        Assert.Equal(0, (await alice.EvaluateInBackgroundAsync(probe, "chrome.notifications.getAll().then(all => Object.keys(all))")).GetArrayLength());
        await HostRequestAsync(answered, "call.hangup");
        await WaitCallAsync(b.Page, null);
        Assert.Empty(b.Popup.Errors);
    }

    /// <summary>The ids of the notifications the browser actually shows (not merely asked for).</summary>
    private static async Task<string[]> ShownNotificationsAsync(ExtensionBrowser browser, IPage probe) =>
        [.. (await browser.EvaluateInBackgroundAsync(probe, "chrome.notifications.getAll().then(all => Object.keys(all))"))
            .EnumerateArray().Select(x => x.GetString() ?? "")];

    /// <summary>One request to the host through the page's own background client.</summary>
    private static Task<JsonElement> HostRequestAsync(IPage page, string type) => page.EvaluateAsync<JsonElement>(@"async (type) => {
        const { BackgroundClient } = await import('./background-client.js');
        const client = new BackgroundClient();
        client.connect();
        const r = await client.request({ type });
        client.close();
        if (!r.ok) throw new Error(type + ' failed: ' + JSON.stringify(r.error));
        return r;
    }", type);

    /// <summary>Waits until the host's state.get says the call is in <paramref name="state"/> (null: no call).</summary>
    private static async Task WaitCallAsync(IPage page, string? state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string? last = "?";
        while (DateTime.UtcNow < deadline)
        {
            var snapshot = await HostRequestAsync(page, "state.get");
            last = snapshot.TryGetProperty("call", out var c) && c.ValueKind == JsonValueKind.Object ? c.GetProperty("state").GetString() : null;
            if (last == state) return;
            await Task.Delay(200);
        }
        Assert.Fail($"call never became '{state ?? "none"}'; it is '{last ?? "none"}'");
    }

    private static async Task WaitAsync(ExtensionBrowser browser, IPage page, string expression, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if ((await browser.EvaluateInBackgroundAsync(page, expression)).ValueKind == JsonValueKind.True) return;
            await Task.Delay(100);
        }
        Assert.Fail($"background never showed {what}");
    }

    /// <summary>The popup, with every message it posts to the background recorded in window.__sent.</summary>
    private static async Task<RoomPopup> OpenRecordingAsync(ExtensionBrowser browser)
    {
        await browser.Context.AddInitScriptAsync("""
            (() => {
              if (!globalThis.chrome?.runtime?.connect) return;
              window.__sent = [];
              const connect = chrome.runtime.connect.bind(chrome.runtime);
              chrome.runtime.connect = (...args) => {
                const port = connect(...args);
                const post = port.postMessage.bind(port);
                port.postMessage = (m) => { window.__sent.push(structuredClone(m)); post(m); };
                return port;
              };
            })()
            """);
        return await RoomPopup.OpenAsync(browser);
    }

    private static async Task<string?> BadgeAsync(ExtensionBrowser browser, IPage page) =>
        (await browser.EvaluateInBackgroundAsync(page, "chrome.action.getBadgeText({})")).GetString();

    private static async Task WaitBadgeAsync(ExtensionBrowser browser, IPage page, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await BadgeAsync(browser, page);
            if (last == text) return;
            await Task.Delay(100);
        }
        Assert.Fail($"badge never showed '{text}'; it shows '{last}'");
    }

    private async Task ShotAsync(IPage page, string name, string scheme)
    {
        await page.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        output.WriteLine("screenshot " + await new PopupPage(page, []).ScreenshotAsync(name));
    }
}
