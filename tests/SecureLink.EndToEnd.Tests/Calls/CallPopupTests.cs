using System.Diagnostics;
using Microsoft.Playwright;
using SecureLink.EndToEnd.Tests.Infrastructure;
using SecureLink.EndToEnd.Tests.Rooms;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Calls;

/// <summary>
/// A voice call between two popups: two Chromium profiles, each with its real host (started by
/// the browser, microphone a tone WAV, no speaker), in a verified room over the test namespace
/// (tests/tools/isolated.sh). Everything asserted is what the popups show.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class CallPopupTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _audio = Directory.CreateTempSubdirectory("securelink-e2e-audio-");

    private Dictionary<string, string> Devices()
    {
        var tone = Path.Combine(_audio.FullName, "tone.wav");
        if (!File.Exists(tone))
        {
            var sox = new ProcessStartInfo("sox") { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in new[] { "-n", "-r", "48000", "-c", "1", "-b", "16", tone, "synth", "2", "sine", "440", "vol", "0.5" }) sox.ArgumentList.Add(a);
            using var p = Process.Start(sox)!;
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "sox could not make the tone: " + p.StandardError.ReadToEnd());
        }
        return new() { ["SECURELINK_AUDIO_IN"] = "wav:" + tone, ["SECURELINK_AUDIO_OUT"] = "null" };
    }

    private static Task WaitPanelAsync(RoomPopup p, string panel) =>
        p.WaitAsync($"() => document.getElementById('call').dataset.panel === '{panel}'", $"call panel '{panel}'");

    [Fact(Timeout = 300_000)]
    public async Task Alice_calls_Bob_accepts_they_see_quality_she_mutes_reopens_her_popup_and_he_hangs_up()
    {
        var devices = Devices();
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None, environment: devices);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None, environment: devices);
        var a = await RoomPopup.OpenAsync(alice);
        var b = await RoomPopup.OpenAsync(bob, ColorScheme.Dark);
        var (invite, pin) = await a.CreateOfflineAsync();
        await a.AcceptAsync(await b.JoinAsync(invite, pin));
        await a.WaitForScreenAsync("conversation");
        await b.WaitForScreenAsync("conversation");
        await WaitPanelAsync(a, "idle");
        Assert.Equal("Call the other person", await a.Page.GetAttributeAsync("#call-start", "aria-label"));

        // Alice calls: "Calling…" then "Ringing…" once Bob's host alerts; focus moves to Cancel.
        await a.Page.ClickAsync("#call-start");
        await WaitPanelAsync(a, "outgoing");
        Assert.Equal("call-cancel", await a.FocusedIdAsync());
        await a.WaitAsync("() => document.getElementById('call-outgoing-text').textContent === 'Ringing…'", "Ringing…");
        output.WriteLine($"screenshot {await a.ScreenshotsAsync("call-outgoing", ColorScheme.Light)}");

        // Bob: the incoming banner, announced assertively; his composer keeps focus (a key meant for
        // a message must not answer the call), and Accept is one Shift+Tab away... two, past the messages.
        await WaitPanelAsync(b, "incoming");
        await b.WaitAsync("() => document.getElementById('call-announcer').textContent.includes('Incoming call')", "the incoming call announced");
        Assert.Equal("assertive", await b.Page.GetAttributeAsync("#call-announcer", "aria-live"));
        Assert.Equal("composer", await b.FocusedIdAsync());
        output.WriteLine($"screenshot {await b.ScreenshotsAsync("call-incoming", ColorScheme.Dark)}");

        // Bob's popup had closed; opened again while it rings, it puts focus on Accept, and Enter answers.
        await b.Popup.CloseAsync();
        b = await RoomPopup.OpenAsync(bob, ColorScheme.Dark);
        await WaitPanelAsync(b, "incoming");
        await b.WaitAsync("() => document.activeElement?.id === 'call-accept'", "focus on Accept");
        await b.Page.Keyboard.PressAsync("Enter");

        await WaitPanelAsync(b, "active");
        await WaitPanelAsync(a, "active");
        // Quality and the mic level arrive from the hosts' statistics; the tone is loud.
        await a.WaitAsync("() => /\\(MOS \\d\\.\\d\\)/.test(document.getElementById('call-quality').textContent)", "the call quality with its MOS");
        await a.WaitAsync("() => Number(document.getElementById('call-mic').getAttribute('aria-valuenow')) > 20", "Alice's mic level");
        await a.WaitAsync("() => /^RTT \\d+ ms/.test(document.getElementById('call-figures').textContent)", "an RTT figure");
        await a.WaitAsync("() => document.getElementById('call-timer').textContent >= '0:02'", "the timer running");
        var quality = await a.TextAsync("#call-quality");
        Assert.Matches(@"^(Excellent|Good|Fair|Poor|Bad) \(MOS [1-4]\.\d\)$", quality);
        Assert.Equal("false", await a.Page.GetAttributeAsync("#call-mute", "aria-pressed"));
        Assert.True(await a.Page.IsHiddenAsync("#call-device"), await a.TextAsync("#call-device"));
        output.WriteLine($"{quality}, {await a.TextAsync("#call-figures")}; screenshot {await a.ScreenshotsAsync("call-active", ColorScheme.Light)}");

        // Alice mutes: the toggle is pressed, her meter drops to 0, Bob is told.
        await a.Page.ClickAsync("#call-mute");
        await a.WaitAsync("() => document.getElementById('call-mute').getAttribute('aria-pressed') === 'true'", "the mute toggle pressed");
        await a.WaitAsync("() => document.getElementById('call-mic').getAttribute('aria-valuenow') === '0'", "the muted mic level");
        Assert.True(await a.Page.IsVisibleAsync("#call-muted-note"));
        await b.WaitAsync("() => !document.getElementById('call-peer-muted').hidden", "Bob told that Alice muted");
        output.WriteLine($"screenshot {await b.ScreenshotsAsync("call-peer-muted", ColorScheme.Dark)}");

        // Alice's popup closes and opens again: the call goes on in her host, still muted, timer still counting.
        var timer = await a.TextAsync("#call-timer");
        await a.Popup.CloseAsync();
        await Task.Delay(1500);
        a = await RoomPopup.OpenAsync(alice);
        await WaitPanelAsync(a, "active");
        Assert.Equal("true", await a.Page.GetAttributeAsync("#call-mute", "aria-pressed"));
        var after = await a.TextAsync("#call-timer");
        Assert.True(string.CompareOrdinal(after, timer) > 0, $"the timer went from {timer} to {after}");
        await a.WaitAsync("() => /\\(MOS/.test(document.getElementById('call-quality').textContent)", "quality again after reopening");

        // Bob hangs up; both see why.
        await b.Page.ClickAsync("#call-hangup");
        await WaitPanelAsync(b, "ended");
        await WaitPanelAsync(a, "ended");
        Assert.Equal("Call ended: the other person hung up.", await a.TextAsync("#call-ended-text"));
        Assert.Equal("Call ended: you hung up.", await b.TextAsync("#call-ended-text"));
        Assert.Equal("call-dismiss", await b.FocusedIdAsync());
        output.WriteLine($"screenshot {await a.ScreenshotsAsync("call-ended", ColorScheme.Light)}");
        await b.Page.Keyboard.PressAsync("Enter");
        await WaitPanelAsync(b, "idle");

        // A second call the other way, declined.
        await b.Page.ClickAsync("#call-start");
        await WaitPanelAsync(a, "incoming");
        await a.Page.ClickAsync("#call-decline");
        await WaitPanelAsync(b, "ended");
        Assert.Equal("Call ended: the other person declined.", await b.TextAsync("#call-ended-text"));
        Assert.Equal("verified", await a.RoomStateAsync());

        Assert.Empty(a.Popup.Errors);
        Assert.Empty(b.Popup.Errors);
    }

    public void Dispose()
    {
        try { _audio.Delete(recursive: true); } catch (IOException) { }
    }
}
