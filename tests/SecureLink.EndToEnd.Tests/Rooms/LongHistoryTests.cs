using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests.Rooms;

/// <summary>
/// A popup that opens on a long conversation draws its newest messages first (from the
/// background's copy of the snapshot, then the host's) and the older ones above them after:
/// whatever it has drawn at any moment is the newest part of the history, in order, and at the
/// end every message is there, the view at the bottom, focus in the composer, and nothing of
/// the backlog announced.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class LongHistoryTests(ITestOutputHelper output)
{
    private const int Count = 180;

    /// <summary>
    /// Records every state of the message list a script left behind: whenever the list holds
    /// messages, its last one must be the newest (#179, Count - 1) and they must be consecutive.
    /// </summary>
    private const string ListWatch = """
        (() => {
          window.__listProblems = [];
          window.__listStates = 0;
          window.__lastLength = 0;
          // From the document's start (an init script runs before the list exists), so no state is missed.
          new MutationObserver(() => {
            const list = document.getElementById('messages');
            if (!list) return;
            const texts = [...list.querySelectorAll('.message .text')].map((p) => Number(p.textContent.split('#')[1]));
            if (texts.length === window.__lastLength) return;
            window.__lastLength = texts.length;
            if (texts.length === 0) return;
            window.__listStates++;
            const newest = texts.at(-1);
            const consecutive = texts.every((n, i) => n === newest - (texts.length - 1) + i);
            if (newest !== 179 || !consecutive) window.__listProblems.push(`${texts.length} messages, ${texts[0]}..${newest}`);
          }).observe(document, { childList: true, subtree: true });
        })()
        """;

    [Fact(Timeout = 240_000)]
    public async Task A_long_history_opens_at_its_newest_message_and_fills_in_above_in_order()
    {
        await using var alice = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        await using var bob = await ExtensionBrowser.LaunchAsync(registerHost: true, CancellationToken.None);
        var a = await RoomPopup.OpenAsync(alice);
        var b = await RoomPopup.OpenAsync(bob);
        var (invite, pin) = await a.CreateOfflineAsync();
        await a.AcceptAsync(await b.JoinAsync(invite, pin));
        await a.WaitForScreenAsync("conversation");
        await b.WaitForScreenAsync("conversation");

        // Through the popup's own client, one after another: typing 180 messages would only be slower.
        await a.Page.EvaluateAsync(@"async (count) => {
            const { BackgroundClient } = await import('./background-client.js');
            const client = new BackgroundClient();
            client.connect();
            for (let i = 0; i < count; i++) {
              const r = await client.request({ type: 'chat.send', text: `history #${i}` });
              if (!r.ok) throw new Error('chat.send failed: ' + JSON.stringify(r.error));
            }
            client.close();
        }", Count);
        await b.WaitAsync($"() => document.querySelectorAll('#messages .message').length === {Count}", "all messages in the open popup");

        await b.Popup.CloseAsync();
        await bob.Context.AddInitScriptAsync(ListWatch);
        b = await RoomPopup.OpenAsync(bob);
        await b.WaitForScreenAsync("conversation");
        await b.WaitAsync($"() => document.querySelectorAll('#messages .message').length === {Count}", "the whole history after reopening");
        // The last chunk's scroll correction runs right after it is drawn.
        await b.WaitAsync("() => { const s = document.getElementById('message-scroller'); return s.scrollHeight - s.scrollTop - s.clientHeight < 2; }",
            "the view at the newest message");

        var problems = await b.Page.EvaluateAsync<string[]>("() => window.__listProblems");
        var states = await b.Page.EvaluateAsync<int>("() => window.__listStates");
        output.WriteLine($"the list changed {states} times while opening");
        Assert.Empty(problems);
        Assert.True(states >= 2, "the history is expected in more than one step (newest first)");
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"history #{i}"), await b.MessageTextsAsync());
        Assert.Equal("composer", await b.FocusedIdAsync());
        Assert.True(await b.Page.IsHiddenAsync("#load-older"));
        Assert.Equal("", await b.Page.Locator("#announcer").TextContentAsync());
        Assert.Empty(b.Popup.Errors);
    }
}
