using System.Text;
using SecureLink.Rooms.Chat;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

/// <summary>Two sessions over an in-memory ordered link, as over a real data channel.</summary>
public class ChatSessionTests
{
    private static Task WithTimeout(Func<Task> test) => test().WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public Task Messages_go_both_ways_with_receipts() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var fromA = await p.A.SendAsync("hello from A");
        var fromB = await p.B.SendAsync("hello from B");
        Assert.Matches("^[0-9a-f]{32}$", fromA);

        await ChatPair.Eventually(() => p.EventsA.Receipts.Contains(fromA) && p.EventsB.Receipts.Contains(fromB), "both receipts");
        var atB = Assert.Single(p.EventsB.FromPeer);
        Assert.Equal((fromA, "hello from A"), (atB.MessageId, atB.Text));
        Assert.Equal(p.TimeA.GetUtcNow().ToUnixTimeMilliseconds(), atB.SentAt.ToUnixTimeMilliseconds());
        Assert.Equal("hello from B", Assert.Single(p.EventsA.FromPeer).Text);

        // Our own message was announced as ours, status sent, and is now delivered.
        var mine = p.EventsA.Added.First();
        Assert.Equal((fromA, ChatSender.Me, ChatMessageStatus.Sent), (mine.MessageId, mine.From, mine.Status));
        Assert.Equal(ChatMessageStatus.Delivered, p.A.History.Find(fromA)!.Status);
        Assert.Equal(ChatMessageStatus.Delivered, p.B.History.Find(fromA)!.Status);
        Assert.Single(p.EventsA.Receipts);
        Assert.Equal(2, p.A.History.Count);
    });

    [Fact]
    public Task A_thousand_messages_keep_their_order() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var ids = new List<string>();
        for (var i = 0; i < 1000; i++)
            ids.Add(await p.A.SendAsync($"message {i}"));
        await ChatPair.Eventually(() => p.EventsA.Receipts.Count == 1000, "1000 receipts");
        var received = p.EventsB.FromPeer;
        Assert.Equal(ids, received.Select(m => m.MessageId));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"message {i}"), received.Select(m => m.Text));
        Assert.Equal(ids, p.B.History.Snapshot().Messages.Select(m => m.MessageId));
    });

    [Fact]
    public Task Concurrent_senders_still_give_the_peer_the_history_order() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
                await p.A.SendAsync($"t{t} {i}");
        })));
        await ChatPair.Eventually(() => p.B.History.Count == 400, "400 messages");
        Assert.Equal(
            p.A.History.Snapshot().Messages.Select(m => m.MessageId),
            p.B.History.Snapshot().Messages.Select(m => m.MessageId));
    });

    public static TheoryData<string> Texts => new()
    {
        "👋🏽 family: 👨‍👩‍👧‍👦 flag: 🇩🇪",
        "مرحبا بالعالم",                       // Arabic, RTL
        "שלום עולם",                           // Hebrew, RTL
        "e\u0301 a\u0308 \u0915\u094D\u0937",  // combining marks, Devanagari conjunct
        "漢字かなカナ한국어",                      // CJK
        "mixed ‏RLM‎LRM \u202Eoverride\u202C",   // bidi controls kept as typed
        "\u0000 nul and \u0001 controls \r\n",
        "\uFEFF BOM first, U+FFFF: \uFFFF, max: \U0010FFFF",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public Task Any_unicode_round_trips_byte_exact(string text) => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var id = await p.A.SendAsync(text);
        await ChatPair.Eventually(() => p.EventsB.Added.Count == 1, "the message");
        var got = Assert.Single(p.EventsB.Added);
        Assert.Equal(text, got.Text);
        Assert.Equal(Encoding.UTF8.GetBytes(text), p.B.History.TextBufferForTest(id));
    });

    [Fact]
    public Task A_lone_surrogate_is_refused_cleanly_and_nothing_is_sent() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var e = await Assert.ThrowsAsync<ChatException>(() => p.A.SendAsync("broken \uD83D text"));
        Assert.Equal(ChatErrorCodes.InvalidText, e.Code);
        Assert.Equal(0, p.A.History.Count);
        Assert.Equal(0, p.LinkA.Sent);
        Assert.Empty(p.EventsA.Added);
    });

    [Fact]
    public Task Exactly_65536_bytes_are_delivered_and_65537_are_refused() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var longest = new string('€', 21845) + "a";   // 65,536 bytes, multi-byte up to the end
        var id = await p.A.SendAsync(longest);
        await ChatPair.Eventually(() => p.EventsA.Receipts.Contains(id), "receipt of the longest message");
        Assert.Equal(longest, p.B.History.Find(id)!.Text);

        foreach (var tooLong in new[] { longest + "a", new string('€', 21845) + "é", new string('a', 65535) + "😀" })
        {
            var e = await Assert.ThrowsAsync<ChatException>(() => p.A.SendAsync(tooLong));
            Assert.Equal(ChatErrorCodes.MessageTooLong, e.Code);
        }
        Assert.Equal(1, p.A.History.Count);
    });

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    public Task Empty_messages_are_refused(string text) => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        Assert.Equal(ChatErrorCodes.EmptyMessage, (await Assert.ThrowsAsync<ChatException>(() => p.A.SendAsync(text))).Code);
        Assert.Equal(0, p.LinkA.Sent);
    });

    [Fact]
    public Task A_duplicate_is_shown_once_but_receipted_every_time() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var id = MessageId.NewBytes();
        var frame = ChatWire.EncodeMessage(id, 42, "once"u8);
        p.LinkB.Inject(frame);
        p.LinkB.Inject(frame);
        p.LinkB.Inject(frame);
        await ChatPair.Eventually(() => p.B.DuplicatesReceived == 2, "two duplicates");
        Assert.Single(p.EventsB.Added);
        Assert.Equal(1, p.B.History.Count);
        await ChatPair.Eventually(() => p.LinkB.Sent == 3, "three receipts");
    });

    [Fact]
    public Task Receipts_for_unknown_or_peer_ids_are_ignored() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var theirs = await p.B.SendAsync("theirs");
        await ChatPair.Eventually(() => p.A.History.Count == 1, "B's message at A");
        p.LinkA.Inject(ChatWire.EncodeReceipt(MessageId.NewBytes()));
        p.LinkA.Inject(ChatWire.EncodeReceipt(Convert.FromHexString(theirs)));
        var mine = await p.A.SendAsync("mine");
        await ChatPair.Eventually(() => p.EventsA.Receipts.Contains(mine), "receipt");
        Assert.Equal([mine], p.EventsA.Receipts);
        Assert.Equal(0, p.A.FramesRejected);
    });

    [Fact]
    public Task Garbage_frames_are_counted_and_the_session_keeps_working() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var rng = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[rng.Next(0, 100)];
            rng.NextBytes(junk);
            if (junk.Length > 0)
                junk[0] = (byte)(i % 3 == 0 ? 1 : junk[0]); // a third look like version 1
            p.LinkB.Inject(junk);
        }
        p.LinkB.Inject([1, 0x7f, 1, 2, 3]);          // a kind from a newer host
        p.LinkB.Inject([2, 1, 0]);                    // a newer version
        p.LinkB.Inject([]);                           // an empty message (e.g. a text message on the channel)
        var id = await p.A.SendAsync("still here");
        await ChatPair.Eventually(() => p.EventsA.Receipts.Contains(id), "receipt after garbage");
        Assert.Equal("still here", Assert.Single(p.EventsB.Added).Text);
        Assert.Equal(p.EventsB.Rejected.Count, p.B.FramesRejected);
        Assert.True(p.B.FramesRejected >= 150);
        Assert.Contains(ChatErrorCodes.UnknownKind, p.EventsB.Rejected);
        Assert.Contains(ChatErrorCodes.UnsupportedVersion, p.EventsB.Rejected);
        Assert.Contains(ChatErrorCodes.Truncated, p.EventsB.Rejected);
    });

    [Fact]
    public Task A_throwing_subscriber_does_not_break_the_receive_path() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var calls = 0;
        p.B.MessageAdded += _ => { calls++; throw new InvalidOperationException("ui bug"); };
        await p.A.SendAsync("one");
        var two = await p.A.SendAsync("two");
        await ChatPair.Eventually(() => p.EventsA.Receipts.Contains(two), "receipt of the second");
        Assert.Equal(2, calls);
    });

    [Fact]
    public Task Undelivered_messages_are_resent_in_order_with_the_same_ids_and_deduped() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        var delivered = await p.A.SendAsync("before the drop");
        await ChatPair.Eventually(() => p.EventsA.Receipts.Contains(delivered), "first receipt");

        p.LinkA.LinkUp = false;                     // the link dies: these never arrive
        var lost = new List<string>();
        for (var i = 0; i < 5; i++)
            lost.Add(await p.A.SendAsync($"lost {i}"));
        p.LinkA.FailSends = true;                   // and now the channel refuses outright
        lost.Add(await p.A.SendAsync("refused"));
        Assert.Equal(1, p.A.SendFailures);
        Assert.All(lost, id => Assert.Equal(ChatMessageStatus.Sent, p.A.History.Find(id)!.Status));

        p.LinkA.FailSends = false;
        p.LinkA.LinkUp = true;                      // reconnected
        Assert.Equal(6, await p.A.ResendUndeliveredAsync());
        await ChatPair.Eventually(() => lost.All(p.EventsA.Receipts.Contains), "receipts of the resent");
        Assert.Equal(lost, p.EventsB.FromPeer.Skip(1).Select(m => m.MessageId));
        Assert.Equal(["lost 0", "lost 1", "lost 2", "lost 3", "lost 4", "refused"], p.EventsB.FromPeer.Skip(1).Select(m => m.Text));
        var sentAt = p.A.History.Find(lost[0])!.SentAt;
        Assert.Equal(sentAt, p.B.History.Find(lost[0])!.SentAt);

        // A second resend after the receipts: nothing left. A resend racing a lost receipt: deduped.
        Assert.Equal(0, await p.A.ResendUndeliveredAsync());
        p.LinkB.LinkUp = false;
        var unreceipted = await p.A.SendAsync("receipt lost");
        await ChatPair.Eventually(() => p.B.History.Contains(unreceipted), "arrival");
        p.LinkB.LinkUp = true;
        Assert.Equal(1, await p.A.ResendUndeliveredAsync());
        await ChatPair.Eventually(() => p.EventsA.Receipts.Contains(unreceipted), "receipt after resend");
        Assert.Equal(1, p.B.DuplicatesReceived);
        Assert.Equal(8, p.EventsB.FromPeer.Count);
    });

    [Fact]
    public Task Call_signals_pass_through_for_the_call_layer() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        await p.A.SendCallSignalAsync(ChatFrameKind.CallOffer, new byte[] { 1, 2 });
        await p.A.SendCallSignalAsync(ChatFrameKind.CallHangup, ReadOnlyMemory<byte>.Empty);
        await ChatPair.Eventually(() => p.EventsB.CallSignals.Count == 2, "two call signals");
        Assert.Equal([ChatFrameKind.CallOffer, ChatFrameKind.CallHangup], p.EventsB.CallSignals);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => p.A.SendCallSignalAsync(ChatFrameKind.Message, ReadOnlyMemory<byte>.Empty));
    });

    [Fact]
    public Task Dispose_wipes_the_history_and_refuses_further_use() => WithTimeout(async () =>
    {
        var (a, b) = InMemoryChatChannel.CreatePair();
        var session = new ChatSession(a, new ManualTimeProvider());
        var id = await session.SendAsync("forget me");
        var buffer = session.History.TextBufferForTest(id)!;
        session.Dispose();
        Assert.All(buffer, x => Assert.Equal(0, x));
        Assert.Equal(0, session.History.Count);
        Assert.Equal(ChatErrorCodes.Closed, (await Assert.ThrowsAsync<ChatException>(() => session.SendAsync("again"))).Code);
        a.Inject(ChatWire.EncodeMessage(MessageId.NewBytes(), 1, "late"u8));
        session.HandleFrame(ChatWire.EncodeMessage(MessageId.NewBytes(), 1, "late"u8));
        Assert.Equal(0, session.History.Count);
        await a.DisposeAsync();
        await b.DisposeAsync();
    });

    [Fact]
    public Task Cancelling_a_send_throws_and_leaves_the_message_for_resend() => WithTimeout(async () =>
    {
        await using var p = new ChatPair();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => p.A.SendAsync("cancelled", cts.Token));
        var kept = Assert.Single(p.A.History.Snapshot().Messages);
        Assert.Equal(ChatMessageStatus.Sent, kept.Status);
        Assert.Equal(1, await p.A.ResendUndeliveredAsync());
        await ChatPair.Eventually(() => p.EventsA.Receipts.Contains(kept.MessageId), "receipt after resend");
    });
}
