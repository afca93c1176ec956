using Microsoft.Playwright;
using SecureLink.EndToEnd.Tests.Infrastructure;
using SecureLink.EndToEnd.Tests.Rooms;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Accessibility;

/// <summary>
/// axe-core on every popup state two real people can reach (host connected or missing; start,
/// join, invite, reply, wrong PIN on both sides, verified conversation, peer left), in the light
/// and the dark theme; and the popup driven by the keyboard alone, with its live regions and its
/// focus checked while the other person's messages re-render it.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class PopupAccessibilityTests(ITestOutputHelper output)
{
    [Fact(Timeout = 240_000)]
    public async Task Every_room_state_is_axe_clean_in_both_themes_and_works_from_the_keyboard()
    {
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var a = await RoomPopup.OpenAsync(alice);
        var b = await RoomPopup.OpenAsync(bob);
        await AxeCheck.AssertCleanAsync(a.Page, "home (host connected)", output);

        // Tab order: the header's two actions, then the two ways in, in reading order.
        await a.Page.FocusAsync("#open-settings");
        var order = new List<string?> { await a.FocusedIdAsync() };
        for (var i = 0; i < 3; i++)
        {
            await a.Page.Keyboard.PressAsync("Tab");
            order.Add(await a.FocusedIdAsync());
        }
        Assert.Equal(["open-settings", "pop-out", "start-room", "join-room"], order);

        // Start by keyboard: Enter opens the step, Esc cancels it and focus comes back.
        await a.Page.FocusAsync("#start-room");
        await a.Page.Keyboard.PressAsync("Enter");
        await a.WaitForScreenAsync("start");
        Assert.Equal("mode-offline", await a.FocusedIdAsync());
        await AxeCheck.AssertCleanAsync(a.Page, "start", output);
        await a.Page.Keyboard.PressAsync("Escape");
        await a.WaitForScreenAsync("home");
        Assert.Equal("start-room", await a.FocusedIdAsync());
        await a.Page.Keyboard.PressAsync("Enter");
        await a.WaitForScreenAsync("start");
        await a.Page.Keyboard.PressAsync("Enter"); // submits the form: Create invite
        await a.WaitForScreenAsync("invite");
        await a.WaitAsync("() => document.getElementById('invite-code').value.length > 0", "the invite code");
        var invite = await a.ValueAsync("#invite-code");
        var pin = await a.TextAsync("#pin");
        await AxeCheck.AssertCleanAsync(a.Page, "invite (waiting-reply)", output);

        // Bob joins with a wrong PIN first, so both failure states are reached.
        await b.Page.ClickAsync("#join-room");
        await b.WaitForScreenAsync("join");
        await b.Page.FillAsync("#join-invite", invite);
        await AxeCheck.AssertCleanAsync(b.Page, "join", output);
        await b.Page.FillAsync("#join-pin", pin == "0000" ? "1111" : "0000");
        await b.Page.Keyboard.PressAsync("Enter");
        await b.WaitForScreenAsync("reply");
        await b.WaitAsync("() => document.getElementById('reply-out').value.length > 0", "the reply code");
        await AxeCheck.AssertCleanAsync(b.Page, "reply (waiting-creator)", output);
        await a.AcceptAsync(await b.ValueAsync("#reply-out"));
        await b.WaitForScreenAsync("failed");
        Assert.Equal("new-room", await b.FocusedIdAsync());
        await AxeCheck.AssertCleanAsync(b.Page, "failed (wrong PIN, joiner)", output);
        await a.WaitAsync("() => !document.getElementById('attempt-warning').hidden", "the wrong-PIN warning");
        // The state change was said to screen readers, not only drawn.
        await a.WaitAsync("() => document.getElementById('announcer').textContent.length > 0", "the wrong PIN announced");
        Assert.Equal("polite", await a.Page.GetAttributeAsync("#announcer", "aria-live"));
        await AxeCheck.AssertCleanAsync(a.Page, "invite after a wrong PIN (creator)", output);

        await b.Page.Keyboard.PressAsync("Enter"); // "Try again" has focus
        await b.WaitForScreenAsync("join");
        Assert.Equal("join-pin", await b.FocusedIdAsync());
        await b.Page.Keyboard.TypeAsync(pin);
        await b.Page.Keyboard.PressAsync("Enter");
        await b.WaitForScreenAsync("reply");
        await b.WaitAsync("() => document.getElementById('reply-out').value.length > 0", "the second reply");
        await a.AcceptAsync(await b.ValueAsync("#reply-out"));
        await a.WaitForScreenAsync("conversation");
        await b.WaitForScreenAsync("conversation");
        await a.WaitAsync("() => document.getElementById('announcer').textContent.includes('Verified')", "Verified announced");

        // Enter sends; the conversation is a labelled region, and the composer keeps focus.
        Assert.Equal("composer", await a.FocusedIdAsync());
        await a.Page.Keyboard.TypeAsync("Hello from the keyboard");
        await a.Page.Keyboard.PressAsync("Enter");
        await b.WaitForMessageAsync("Hello from the keyboard", "peer");
        await a.WaitForMessageAsync("Hello from the keyboard", "me", "delivered");

        // Alice is halfway through a sentence while Bob's messages arrive: nothing moves under her.
        await a.Page.Keyboard.TypeAsync("half a thought");
        for (var i = 1; i <= 3; i++) await b.SendAsync($"Reply {i}");
        await a.WaitForMessageAsync("Reply 3", "peer");
        Assert.Equal("composer", await a.FocusedIdAsync());
        Assert.Equal("half a thought", await a.ValueAsync("#composer"));
        await a.WaitAsync("() => document.getElementById('announcer').textContent === 'New message: Reply 3'", "the new message announced");
        await AxeCheck.AssertCleanAsync(a.Page, "verified conversation", output);

        // Esc backs out of the leave question; then Bob leaves for real.
        await b.Page.ClickAsync("#leave");
        Assert.Equal("leave-no", await b.FocusedIdAsync());
        await b.Page.Keyboard.PressAsync("Escape");
        Assert.Equal("leave", await b.FocusedIdAsync());
        await b.Page.ClickAsync("#leave");
        await b.Page.ClickAsync("#leave-yes");
        await b.WaitForScreenAsync("home");
        await a.WaitForRoomStateAsync("closed");
        await AxeCheck.AssertCleanAsync(a.Page, "peer left (closed)", output);

        foreach (var line in AxeCheck.Summary.Order(StringComparer.Ordinal)) output.WriteLine(line);
        Assert.Empty(a.Popup.Errors);
        Assert.Empty(b.Popup.Errors);
    }

    [Fact(Timeout = 120_000)]
    public async Task Host_missing_state_is_axe_clean_in_both_themes()
    {
        await using var browser = await ExtensionBrowser.LaunchAsync(registerHost: false, CancellationToken.None);
        var popup = await browser.OpenPopupAsync();
        await popup.WaitForStateAsync("missing", TimeSpan.FromSeconds(20));
        await AxeCheck.AssertCleanAsync(popup.Page, "host missing", output);
    }
}
