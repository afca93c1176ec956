using Microsoft.Playwright;
using SecureLink.EndToEnd.Tests.Infrastructure;
using SecureLink.EndToEnd.Tests.Rooms;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Nearby;

/// <summary>
/// Nearby rooms as two people use them: Alice turns on "Visible on this network", Bob looks,
/// picks her room by its label and types only the PIN; neither copies a code, and both reach
/// verified. Both hosts are in the test namespace (tests/tools/isolated.sh), so the mDNS
/// packets stay on its veth pair.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class NearbyPopupTests(ITestOutputHelper output)
{
    [Fact(Timeout = 240_000)]
    public async Task Bob_finds_Alices_visible_room_and_joins_with_only_the_pin()
    {
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var a = await RoomPopup.OpenAsync(alice);
        var b = await RoomPopup.OpenAsync(bob);

        await a.Page.ClickAsync("#start-room");
        await a.WaitForScreenAsync("start");
        Assert.False(await a.Page.IsCheckedAsync("#nearby-visible")); // off unless the person turns it on
        Assert.Equal("switch", await a.Page.GetAttributeAsync("#nearby-visible", "role"));
        await a.Page.FocusAsync("#nearby-visible");
        await a.Page.Keyboard.PressAsync("Space");
        Assert.True(await a.Page.IsCheckedAsync("#nearby-visible"));
        output.WriteLine($"screenshot {await a.ScreenshotsAsync("nearby-visible-switch", ColorScheme.Light)}");
        await a.Page.ClickAsync("#create-room");
        await a.WaitForScreenAsync("invite");
        await a.WaitAsync("() => !document.getElementById('nearby-advertised').hidden", "the nearby label");
        var advertised = await a.TextAsync("#nearby-advertised");
        var label = advertised.Split('“', '”')[1];
        Assert.Matches("^[A-Z][a-z]+ [A-Z][a-z]+$", label);
        var pin = await a.TextAsync("#pin");
        output.WriteLine($"screenshot {await a.ScreenshotsAsync("nearby-invite", ColorScheme.Light)}");

        await b.Page.ClickAsync("#join-room");
        await b.WaitForScreenAsync("join");
        await b.Page.ClickAsync("#nearby-find");
        await b.WaitAsync($"() => [...document.querySelectorAll('#nearby-list .nearby-label')].some(e => e.textContent === '{label}')", "Alice's room in the list");
        await b.WaitAsync("() => !document.getElementById('nearby-find').disabled", "the look to end");
        output.WriteLine($"screenshot {await b.ScreenshotsAsync("nearby-list", ColorScheme.Light)}");

        await b.Page.ClickAsync($"#nearby-list button[aria-label*='{label}']");
        Assert.Equal("join-pin", await b.FocusedIdAsync());
        Assert.Equal(await a.ValueAsync("#invite-code"), await b.ValueAsync("#join-invite"));
        await b.Page.Keyboard.TypeAsync(pin);
        await b.Page.Keyboard.PressAsync("Enter");

        // No reply is handed back: Alice's host hears it on the network and connects.
        await a.WaitForRoomStateAsync("verified");
        await b.WaitForRoomStateAsync("verified");
        await a.WaitForScreenAsync("conversation");
        await b.WaitForScreenAsync("conversation");
        Assert.Equal(await a.TextAsync("#safety-code"), await b.TextAsync("#safety-code"));

        Assert.Empty(a.Popup.Errors);
        Assert.Empty(b.Popup.Errors);
    }
}
