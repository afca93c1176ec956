using Microsoft.Playwright;

namespace SecureLink.Benchmarks.Rooms;

/// <summary>
/// The set-up the two-person popup benchmarks share: the extension built, Alice and Bob (two
/// profiles, two Chromium processes, two real hosts) and a verified offline room between them,
/// made through the real popups as a person would (Start room, copy the invite and PIN, Join,
/// copy the reply, Connect).
/// </summary>
internal sealed class PopupRoom : IAsyncDisposable
{
    private PopupRoom(PopupProfile alice, PopupProfile bob)
    {
        Alice = alice;
        Bob = bob;
    }

    public PopupProfile Alice { get; }

    public PopupProfile Bob { get; }

    public static async Task<PopupRoom> OpenAsync(IPlaywright playwright, CancellationToken ct)
    {
        await PopupProfile.BuildExtensionAsync(ct);
        var alice = await PopupProfile.LaunchAsync(playwright, ct);
        PopupProfile? bob = null;
        try
        {
            bob = await PopupProfile.LaunchAsync(playwright, ct);
            await ConnectAsync(alice, bob);
            return new PopupRoom(alice, bob);
        }
        catch
        {
            if (bob is not null) await bob.DisposeAsync();
            await alice.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bob.DisposeAsync();
        await Alice.DisposeAsync();
    }

    private static async Task ConnectAsync(PopupProfile alice, PopupProfile bob)
    {
        await alice.Page.ClickAsync("#start-room");
        await alice.WaitForScreenAsync("start");
        await alice.Page.CheckAsync("#mode-offline");
        await alice.Page.ClickAsync("#create-room");
        await alice.WaitForScreenAsync("invite");
        await alice.WaitAsync("() => document.getElementById('invite-code').value.length > 0");
        var invite = await alice.Page.Locator("#invite-code").InputValueAsync();
        var pin = (await alice.Page.Locator("#pin").InnerTextAsync()).Trim();

        await bob.Page.ClickAsync("#join-room");
        await bob.WaitForScreenAsync("join");
        await bob.Page.FillAsync("#join-invite", invite);
        await bob.Page.FillAsync("#join-pin", pin);
        await bob.Page.ClickAsync("#join");
        await bob.WaitForScreenAsync("reply");
        await bob.WaitAsync("() => document.getElementById('reply-out').value.length > 0");
        var reply = await bob.Page.Locator("#reply-out").InputValueAsync();

        await alice.Page.FillAsync("#reply-code", reply);
        await alice.Page.ClickAsync("#connect");
        await alice.WaitForRoomStateAsync("verified");
        await bob.WaitForRoomStateAsync("verified");
        await alice.WaitForScreenAsync("conversation");
        await bob.WaitForScreenAsync("conversation");
    }
}
