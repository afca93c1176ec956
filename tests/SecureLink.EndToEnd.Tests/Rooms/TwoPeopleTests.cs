using Microsoft.Playwright;
using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Rooms;

/// <summary>
/// Two people, two Chromium profiles, each with its own real host registered by
/// the real installer, talking over the test namespace's veth addresses
/// (tests/tools/isolated.sh). Everything the popup shows comes from its host.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class TwoPeopleTests(ITestOutputHelper output)
{
    private const string Markup = "<img src=x onerror=alert(1)>";
    private const string Hebrew = "שלום! מה שלומך?";

    [Fact(Timeout = 240_000)]
    public async Task Alice_and_Bob_connect_offline_verify_talk_reopen_and_leave()
    {
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var a = await RoomPopup.OpenAsync(alice);
        var b = await RoomPopup.OpenAsync(bob);

        var (invite, pin) = await a.CreateOfflineAsync();
        Assert.Matches("^[0-9]{4}$", pin);
        Assert.Equal("waiting-reply", await a.RoomStateAsync());
        Assert.Equal("copy-invite", await a.FocusedIdAsync());
        var qr = await a.Page.GetAttributeAsync("#invite-qr", "src");
        Assert.StartsWith("data:image/svg+xml;base64,", qr, StringComparison.Ordinal);
        Assert.Equal(0, await a.Page.Locator("#room svg").CountAsync()); // the QR is an image, never markup
        Assert.Matches(@"\d+:\d\d", await a.TextAsync("#invite-expiry"));
        output.WriteLine($"invite {invite.Length} chars; screenshot {await a.ScreenshotsAsync("room-invite", ColorScheme.Light)}");

        // The popup closes whenever it loses focus: the invite and PIN come back from the host.
        await a.Popup.CloseAsync();
        a = await RoomPopup.OpenAsync(alice, ColorScheme.Dark);
        await a.WaitForScreenAsync("invite");
        Assert.Equal(invite, await a.ValueAsync("#invite-code"));
        Assert.Equal(pin, await a.TextAsync("#pin"));

        var reply = await b.JoinAsync(invite, pin);
        Assert.Equal("waiting-creator", await b.RoomStateAsync());
        Assert.Contains("waiting", await b.TextAsync("#screen-reply"), StringComparison.OrdinalIgnoreCase);
        output.WriteLine($"reply {reply.Length} chars; screenshot {await b.ScreenshotsAsync("room-reply", ColorScheme.Light)}");

        await a.AcceptAsync(reply);
        await a.WaitForRoomStateAsync("verified");
        await b.WaitForRoomStateAsync("verified");
        await a.WaitForScreenAsync("conversation");
        await b.WaitForScreenAsync("conversation");
        var code = await a.TextAsync("#safety-code");
        Assert.False(string.IsNullOrWhiteSpace(code));
        Assert.Equal(code, await b.TextAsync("#safety-code"));
        Assert.Equal("composer", await a.FocusedIdAsync());
        Assert.Contains("Verified", await a.TextAsync("#room-state-text"), StringComparison.Ordinal);

        // Messages both ways, each ticked delivered by the other host's receipt.
        await a.SendAsync("Hi Bob, can you read this?");
        await a.WaitForMessageAsync("Hi Bob, can you read this?", "me", "delivered");
        await b.WaitForMessageAsync("Hi Bob, can you read this?", "peer");
        await b.SendAsync("Loud and clear.\nSecond line.");
        await b.WaitForMessageAsync("Loud and clear.\nSecond line.", "me", "delivered");
        await a.WaitForMessageAsync("Loud and clear.\nSecond line.", "peer");
        await a.WaitAsync("() => document.getElementById('announcer').textContent.includes('Loud and clear.')", "the new message announced");
        await b.SendAsync(Hebrew);
        await a.WaitForMessageAsync(Hebrew, "peer");
        await a.SendAsync(Markup);
        await b.WaitForMessageAsync(Markup, "peer");

        // Markup from the peer is text: no element was made from it, no script ran.
        Assert.Equal(0, await b.Page.Locator("#messages img").CountAsync());
        Assert.Equal("auto", await b.Page.Locator("#messages .message .text").Last.GetAttributeAsync("dir"));
        Assert.Equal(Markup, (await b.MessageTextsAsync())[^1]);
        // And the popup's CSP is the second wall: an inline script added to the page does not run.
        Assert.False(await b.Page.EvaluateAsync<bool>("""
            async () => {
              const s = document.createElement('script');
              s.textContent = 'window.__inlineRan = true;';
              document.body.appendChild(s);
              await new Promise((r) => setTimeout(r, 100));
              s.remove();
              return window.__inlineRan === true;
            }
            """));
        output.WriteLine($"screenshot {await b.ScreenshotsAsync("room-conversation", ColorScheme.Light)}");

        // Bob's popup closes and reopens: the whole conversation comes back from his host.
        var before = await b.MessageTextsAsync();
        await b.Popup.CloseAsync();
        b = await RoomPopup.OpenAsync(bob);
        await b.WaitForScreenAsync("conversation");
        await b.WaitAsync($"() => document.querySelectorAll('#messages .message').length === {before.Length}", "the restored messages");
        Assert.Equal(before, await b.MessageTextsAsync());
        Assert.Equal(code, await b.TextAsync("#safety-code"));
        Assert.Equal(2, await b.Page.Locator("#messages .message[data-from='me'][data-status='delivered']").CountAsync());

        // Bob leaves (with confirmation); Alice sees that he left and keeps her view.
        await b.Page.ClickAsync("#leave");
        Assert.Equal("leave-no", await b.FocusedIdAsync());
        await b.Page.Keyboard.PressAsync("Escape");
        Assert.True(await b.Page.IsHiddenAsync("#leave-confirm"));
        await b.Page.ClickAsync("#leave");
        await b.Page.ClickAsync("#leave-yes");
        await b.WaitForScreenAsync("home");
        Assert.Equal(0, await b.Page.Locator("#messages .message").CountAsync());

        await a.WaitForRoomStateAsync("closed");
        Assert.Equal("conversation", await a.ScreenAsync());
        Assert.Contains("left", await a.TextAsync("#ended-note"), StringComparison.OrdinalIgnoreCase);
        Assert.True(await a.Page.IsDisabledAsync("#composer"));
        Assert.Equal(4, (await a.MessageTextsAsync()).Length);
        output.WriteLine($"screenshot {await a.ScreenshotsAsync("room-peer-left", ColorScheme.Dark)}");

        Assert.Empty(a.Popup.Errors);
        Assert.Empty(b.Popup.Errors);
    }

    [Fact(Timeout = 240_000)]
    public async Task A_wrong_pin_fails_the_joiner_and_tells_the_creator_which_attempt_it_was()
    {
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var a = await RoomPopup.OpenAsync(alice);
        var b = await RoomPopup.OpenAsync(bob, ColorScheme.Dark);

        var (invite, pin) = await a.CreateOfflineAsync();
        var wrong = pin == "0000" ? "1111" : "0000";

        // Bob reads the invite from a picture of Alice's QR code (decoded by his host's qr.decode).
        var invitePicture = await a.Page.Locator("#invite-qr").ScreenshotAsync();
        await b.Page.ClickAsync("#join-room");
        await b.WaitForScreenAsync("join");
        await b.Page.SetInputFilesAsync("#file-invite", new FilePayload { Name = "invite.png", MimeType = "image/png", Buffer = invitePicture });
        await b.WaitAsync("() => document.getElementById('join-invite').value.length > 0", "the invite read from the picture");
        Assert.Equal(invite, await b.ValueAsync("#join-invite"));
        Assert.Equal("join-pin", await b.FocusedIdAsync());
        await b.Page.FillAsync("#join-pin", wrong);
        await b.Page.ClickAsync("#join");
        await b.WaitForScreenAsync("reply");
        await b.WaitAsync("() => document.getElementById('reply-out').value.length > 0", "the reply code");

        // And Alice reads Bob's reply from a picture of his.
        var replyPicture = await b.Page.Locator("#reply-qr").ScreenshotAsync();
        await a.Page.SetInputFilesAsync("#file-reply", new FilePayload { Name = "reply.png", MimeType = "image/png", Buffer = replyPicture });
        await a.WaitAsync("() => document.getElementById('reply-code').value.length > 0", "the reply read from the picture");
        Assert.Equal(await b.ValueAsync("#reply-out"), await a.ValueAsync("#reply-code"));
        Assert.Equal("connect", await a.FocusedIdAsync());
        await a.Page.ClickAsync("#connect");

        await b.WaitForRoomStateAsync("failed");
        await b.WaitForScreenAsync("failed");
        Assert.Contains("PIN", await b.TextAsync("#room-reason"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await b.TextAsync("#room-next")));
        Assert.Equal("new-room", await b.FocusedIdAsync());
        output.WriteLine($"screenshot {await b.ScreenshotsAsync("room-failed-wrong-pin", ColorScheme.Dark)}");

        await a.WaitAsync("() => !document.getElementById('attempt-warning').hidden", "the wrong-PIN warning");
        Assert.Equal("waiting-reply", await a.RoomStateAsync());
        Assert.Contains("1 of 3", await a.TextAsync("#attempt-warning"), StringComparison.Ordinal);
        Assert.Equal("", await a.ValueAsync("#reply-code"));
        output.WriteLine($"screenshot {await a.ScreenshotsAsync("room-wrong-pin-creator", ColorScheme.Light)}");

        // Bob tries again with the same invite (kept by his popup) and the right PIN.
        await b.Page.ClickAsync("#new-room");
        await b.WaitForScreenAsync("join");
        Assert.Equal(invite, await b.ValueAsync("#join-invite"));
        Assert.Equal("join-pin", await b.FocusedIdAsync());
        await b.Page.FillAsync("#join-pin", pin);
        await b.Page.ClickAsync("#join");
        await b.WaitForScreenAsync("reply");
        await b.WaitAsync("() => document.getElementById('reply-out').value.length > 0", "the second reply");
        await a.AcceptAsync(await b.ValueAsync("#reply-out"));
        await a.WaitForRoomStateAsync("verified");
        await b.WaitForRoomStateAsync("verified");
        Assert.Empty(a.Popup.Errors);
        Assert.Empty(b.Popup.Errors);
    }

    [Fact(Timeout = 240_000)]
    public async Task Long_messages_show_the_byte_counter_refuse_past_64_KiB_and_page_back_with_load_older()
    {
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var a = await RoomPopup.OpenAsync(alice);
        var b = await RoomPopup.OpenAsync(bob);
        var (invite, pin) = await a.CreateOfflineAsync();
        await a.AcceptAsync(await b.JoinAsync(invite, pin));
        await a.WaitForScreenAsync("conversation");
        await b.WaitForScreenAsync("conversation");

        // 65,537 bytes: refused before it is sent, with the counter and a sentence.
        await a.Page.FillAsync("#composer", new string('x', 65_537));
        await a.WaitAsync("() => !document.getElementById('composer-error').hidden", "the too-long error");
        Assert.True(await a.Page.IsDisabledAsync("#send"));
        Assert.Contains("65,537", await a.TextAsync("#byte-count"), StringComparison.Ordinal);
        Assert.Contains("64 KiB", await a.TextAsync("#composer-error"), StringComparison.Ordinal);
        await a.Page.PressAsync("#composer", "Enter");
        Assert.Equal(65_537, (await a.ValueAsync("#composer")).Length); // Enter did not send it

        // Thirteen messages at the limit are more than state.get's 768 KiB: the oldest wait behind "Load older".
        const int count = 13;
        for (var i = 0; i < count; i++)
        {
            var text = $"{i:D2}" + new string('é', 32_767); // 2 + 65,534 = 65,536 bytes
            await a.SendAsync(text);
        }
        await a.WaitAsync($"() => document.querySelectorAll('#messages .message[data-status=delivered]').length === {count}", "every long message delivered");
        Assert.True(await a.Page.IsHiddenAsync("#composer-error"));

        await b.Popup.CloseAsync();
        b = await RoomPopup.OpenAsync(bob);
        await b.WaitForScreenAsync("conversation");
        await b.WaitAsync("() => !document.getElementById('load-older').hidden", "the Load older button");
        var shown = (await b.MessageTextsAsync()).Length;
        output.WriteLine($"state.get showed {shown} of {count}");
        Assert.InRange(shown, 1, count - 1);
        Assert.Equal($"{count - 1:D2}", (await b.MessageTextsAsync())[^1][..2]);
        while (await b.Page.IsVisibleAsync("#load-older"))
        {
            var before = (await b.MessageTextsAsync()).Length;
            await b.Page.ClickAsync("#load-older");
            await b.WaitAsync($"() => document.querySelectorAll('#messages .message').length > {before}", "older messages");
        }
        var all = await b.MessageTextsAsync();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{i:D2}"), all.Select(t => t[..2]));
        Assert.Empty(a.Popup.Errors);
        Assert.Empty(b.Popup.Errors);
    }

    [Fact(Timeout = 240_000)]
    public async Task Three_wrong_pins_burn_the_room_and_the_creator_is_offered_a_new_one()
    {
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var a = await RoomPopup.OpenAsync(alice);
        var b = await RoomPopup.OpenAsync(bob);
        var (invite, pin) = await a.CreateOfflineAsync();
        var wrong = pin == "0000" ? "1111" : "0000";

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var reply = attempt == 1 ? await b.JoinAsync(invite, wrong) : await RetryJoinAsync(b, wrong);
            await a.AcceptAsync(reply);
            await b.WaitForScreenAsync("failed");
            if (attempt < 3)
                await a.WaitAsync($"() => document.getElementById('attempt-warning').textContent.includes('{attempt} of 3')", $"attempt {attempt} of 3");
        }

        await a.WaitForRoomStateAsync("failed");
        await a.WaitForScreenAsync("failed");
        Assert.False(string.IsNullOrWhiteSpace(await a.TextAsync("#room-reason")));
        Assert.Contains("new room", await a.TextAsync("#room-next"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("new-room", await a.FocusedIdAsync());
        output.WriteLine($"screenshot {await a.ScreenshotsAsync("room-burned", ColorScheme.Light)}");

        // "Start a new room" leaves the burned one and opens the start step.
        await a.Page.ClickAsync("#new-room");
        await a.WaitForScreenAsync("start");
        Assert.Equal("mode-offline", await a.FocusedIdAsync());
        Assert.Empty(a.Popup.Errors);
        Assert.Empty(b.Popup.Errors);
    }

    private static async Task<string> RetryJoinAsync(RoomPopup b, string pin)
    {
        await b.Page.ClickAsync("#new-room");
        await b.WaitForScreenAsync("join");
        await b.Page.FillAsync("#join-pin", pin);
        await b.Page.ClickAsync("#join");
        await b.WaitForScreenAsync("reply");
        await b.WaitAsync("() => document.getElementById('reply-out').value.length > 0", "the reply code");
        return await b.ValueAsync("#reply-out");
    }
}
