using SecureLink.Rooms.Chat;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

/// <summary>The typing hint, with clocks that move only when the test says so.</summary>
public class ChatTypingTests
{
    private static Task WithTimeout(Func<Task> test) => test().WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public Task Typing_is_sent_only_on_change_and_refreshed_at_most_every_3_seconds() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        Assert.False(await p.A.SetTypingAsync(false));       // already not typing
        Assert.True(await p.A.SetTypingAsync(true));
        Assert.False(await p.A.SetTypingAsync(true));        // every keystroke calls it
        p.TimeA.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.False(await p.A.SetTypingAsync(true));
        p.TimeA.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await p.A.SetTypingAsync(true));         // refresh after 3 s
        Assert.False(await p.A.SetTypingAsync(true));
        Assert.True(await p.A.SetTypingAsync(false));
        Assert.False(await p.A.SetTypingAsync(false));
        Assert.Equal(3, p.LinkA.Sent);
        await ChatPair.Eventually(() => p.EventsB.Typing.Count == 2, "on and off at B");
        Assert.Equal([true, false], p.EventsB.Typing);       // the refresh changed nothing shown
        Assert.False(p.B.PeerTyping);
    });

    [Fact]
    public Task The_peers_typing_expires_6_seconds_after_its_last_refresh() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        await p.A.SetTypingAsync(true);
        await ChatPair.Eventually(() => p.B.PeerTyping, "typing at B");
        p.TimeB.Advance(TimeSpan.FromSeconds(4));
        Assert.True(p.B.PeerTyping);

        p.TimeA.Advance(TimeSpan.FromSeconds(4));
        Assert.True(await p.A.SetTypingAsync(true));         // refresh arrives at B's t = 4 s
        await ChatPair.Eventually(() => p.B.FramesReceived == 2, "refresh at B");
        p.TimeB.Advance(TimeSpan.FromSeconds(5.9));          // 9.9 s after the first, 5.9 s after the refresh
        Assert.True(p.B.PeerTyping);
        Assert.Equal([true], p.EventsB.Typing);
        p.TimeB.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(p.B.PeerTyping);
        Assert.Equal([true, false], p.EventsB.Typing);
    });

    [Fact]
    public Task A_message_from_the_peer_ends_its_typing() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        await p.A.SetTypingAsync(true);
        await ChatPair.Eventually(() => p.B.PeerTyping, "typing at B");
        await p.A.SendAsync("done typing");
        await ChatPair.Eventually(() => p.EventsB.Typing.Count == 2, "typing reset at B");
        Assert.Equal([true, false], p.EventsB.Typing);
        Assert.False(p.B.PeerTyping);
        // No timer fires later to repeat the change.
        p.TimeB.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, p.EventsB.Typing.Count);
        // A's own state was reset too: typing again is sent again at once.
        Assert.True(await p.A.SetTypingAsync(true));
    });

    [Fact]
    public void Expiry_is_exact_with_frames_fed_directly()
    {
        var time = new ManualTimeProvider();
        var (a, _) = InMemoryChatChannel.CreatePair();
        using var s = new ChatSession(a, time);
        var changes = new List<bool>();
        s.PeerTypingChanged += changes.Add;

        s.HandleFrame(ChatWire.EncodeTyping(true));
        time.Advance(TimeSpan.FromSeconds(3));
        s.HandleFrame(ChatWire.EncodeTyping(true));          // refresh at 3 s: expiry moves to 9 s
        time.Advance(TimeSpan.FromSeconds(5.999));
        Assert.True(s.PeerTyping);
        Assert.Equal([true], changes);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(s.PeerTyping);
        Assert.Equal([true, false], changes);

        s.HandleFrame(ChatWire.EncodeTyping(true));
        s.HandleFrame(ChatWire.EncodeTyping(false));         // explicit stop: no expiry event later
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([true, false, true, false], changes);
        Assert.Equal(0, time.ActiveTimers);
    }
}
