using System.Text;
using SecureLink.Rooms.Chat;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

public class ChatHistoryTests
{
    private static string NewId() => MessageId.ToHex(MessageId.NewBytes());

    private static List<string> Fill(ChatHistory h, int count, Func<int, string> text)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = NewId();
            Assert.NotNull(h.TryAdd(id, i % 2 == 0 ? ChatSender.Me : ChatSender.Peer, Encoding.UTF8.GetBytes(text(i)), 1000 + i, ChatMessageStatus.Sent));
            ids.Add(id);
        }
        return ids;
    }

    [Fact]
    public void Items_keep_arrival_order_and_their_fields()
    {
        var h = new ChatHistory();
        var ids = Fill(h, 5, i => $"m{i}");
        var page = h.Snapshot();
        Assert.False(page.HasOlder);
        Assert.Equal(ids, page.Messages.Select(m => m.MessageId));
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], page.Messages.Select(m => m.Text));
        Assert.Equal(ChatSender.Peer, page.Messages[1].From);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1002), page.Messages[2].SentAt);
    }

    [Fact]
    public void An_id_already_held_is_not_added_twice()
    {
        var h = new ChatHistory();
        var id = NewId();
        Assert.NotNull(h.TryAdd(id, ChatSender.Peer, "a"u8, 1, ChatMessageStatus.Delivered));
        Assert.Null(h.TryAdd(id, ChatSender.Peer, "b"u8, 2, ChatMessageStatus.Delivered));
        Assert.Equal(1, h.Count);
        Assert.Equal("a", h.Find(id)!.Text);
    }

    [Fact]
    public void Only_well_formed_text_of_1_to_65536_bytes_is_stored()
    {
        var h = new ChatHistory();
        Assert.Throws<ArgumentException>(() => h.TryAdd(NewId(), ChatSender.Peer, [0xff], 1, ChatMessageStatus.Delivered));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.TryAdd(NewId(), ChatSender.Peer, [], 1, ChatMessageStatus.Delivered));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.TryAdd(NewId(), ChatSender.Peer, new byte[65537], 1, ChatMessageStatus.Delivered));
        Assert.Equal(0, h.Count);
    }

    [Fact]
    public void Only_our_own_sent_messages_can_be_marked_delivered()
    {
        var h = new ChatHistory();
        var mine = NewId();
        var theirs = NewId();
        h.TryAdd(mine, ChatSender.Me, "a"u8, 1, ChatMessageStatus.Sent);
        h.TryAdd(theirs, ChatSender.Peer, "b"u8, 1, ChatMessageStatus.Sent);
        Assert.True(h.MarkDelivered(mine));
        Assert.False(h.MarkDelivered(mine));
        Assert.False(h.MarkDelivered(theirs));
        Assert.False(h.MarkDelivered(NewId()));
        Assert.Equal(ChatMessageStatus.Delivered, h.Find(mine)!.Status);
    }

    [Fact]
    public void Snapshot_holds_the_newest_messages_within_768_KiB_and_paging_reaches_the_first()
    {
        var h = new ChatHistory();
        // 40 messages of 60,000 ASCII bytes: each costs 60,160 of budget, so 13 fit in 786,432.
        var ids = Fill(h, 40, i => new string((char)('a' + i % 26), 60_000));
        var snap = h.Snapshot();
        Assert.True(snap.HasOlder);
        Assert.Equal(13, snap.Messages.Count);
        Assert.Equal(ids[^13..], snap.Messages.Select(m => m.MessageId));
        Assert.True(snap.Messages.Sum(m => m.Text.Length + ChatText.JsonOverheadBytes) <= ChatHistory.DefaultSnapshotBytes);

        var seen = new List<string>(snap.Messages.Select(m => m.MessageId));
        var page = snap;
        while (page.HasOlder)
        {
            page = h.Page(seen[0]);
            Assert.NotEmpty(page.Messages);
            seen.InsertRange(0, page.Messages.Select(m => m.MessageId));
        }
        Assert.Equal(ids, seen);
    }

    [Fact]
    public void Snapshot_never_exceeds_its_budget_in_real_json()
    {
        var h = new ChatHistory();
        // Worst escaping: control characters become \u00XX, six bytes each.
        Fill(h, 6, _ => new string('\u0001', 65000));
        var snap = h.Snapshot();
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(snap.Messages.Select(m => new { m.MessageId, m.Text, m.SentAt, from = "peer", status = "delivered" }));
        Assert.Equal(2, snap.Messages.Count);
        Assert.True(json.Length <= ChatHistory.DefaultSnapshotBytes, $"{json.Length}");
        Assert.True(snap.HasOlder);
    }

    [Fact]
    public void Page_limits_default_to_50_and_clamp_to_1_and_200()
    {
        var h = new ChatHistory();
        var ids = Fill(h, 300, i => $"{i}");
        var last = ids[^1];
        Assert.Equal(ids[249..299], h.Page(last).Messages.Select(m => m.MessageId));
        Assert.Equal(200, h.Page(last, 1000).Messages.Count);
        Assert.Single(h.Page(last, 0).Messages);
        var upper = h.Page(last.ToUpperInvariant(), 3);
        Assert.Equal(ids[296..299], upper.Messages.Select(m => m.MessageId));
        Assert.True(upper.HasOlder);
        var first = h.Page(ids[1], 50);
        Assert.Equal([ids[0]], first.Messages.Select(m => m.MessageId));
        Assert.False(first.HasOlder);
        var none = h.Page(ids[0]);
        Assert.Empty(none.Messages);
        Assert.False(none.HasOlder);
    }

    [Theory]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("not an id")]
    [InlineData("")]
    public void Paging_from_an_unknown_id_is_unknown_message(string id)
    {
        var h = new ChatHistory();
        Fill(h, 3, i => $"{i}");
        Assert.Equal(ChatErrorCodes.UnknownMessage, Assert.Throws<ChatException>(() => h.Page(id)).Code);
    }

    [Fact]
    public void Wipe_zeroes_every_text_buffer_and_forgets_everything()
    {
        var h = new ChatHistory();
        var ids = Fill(h, 10, i => $"secret number {i}");
        var buffers = ids.Select(id => h.TextBufferForTest(id)!).ToList();
        Assert.All(buffers, b => Assert.Contains(b, x => x != 0));
        h.Wipe();
        Assert.All(buffers, b => Assert.All(b, x => Assert.Equal(0, x)));
        Assert.Equal(0, h.Count);
        Assert.Equal(0, h.MemoryBytes);
        Assert.Empty(h.Snapshot().Messages);
        Assert.False(h.Contains(ids[0]));
        Assert.Throws<ChatException>(() => h.Page(ids[0]));
    }

    [Fact]
    public void The_memory_cap_drops_and_zeroes_the_oldest_first()
    {
        // Cap of 1 MiB; 100 messages of 20,000 bytes charge 2,012,800: about half must go.
        var h = new ChatHistory(memoryCapBytes: 1024 * 1024);
        var first = NewId();
        h.TryAdd(first, ChatSender.Peer, Encoding.UTF8.GetBytes(new string('x', 20_000)), 0, ChatMessageStatus.Delivered);
        var firstBuffer = h.TextBufferForTest(first)!;
        var ids = Fill(h, 99, _ => new string('y', 20_000));
        Assert.True(h.MemoryBytes <= 1024 * 1024);
        Assert.Equal(1024 * 1024 / (20_000 + ChatText.MemoryOverheadBytes), h.Count);
        Assert.Equal(100 - h.Count, h.DroppedByCap);
        Assert.False(h.Contains(first));
        Assert.All(firstBuffer, x => Assert.Equal(0, x));
        Assert.Equal(ids[^h.Count..], h.Snapshot(int.MaxValue).Messages.Select(m => m.MessageId));
    }

    [Fact]
    public void A_long_flood_stays_within_the_cap_and_keeps_the_newest_in_order()
    {
        var h = new ChatHistory(memoryCapBytes: 256 * 1024);
        var ids = Fill(h, 20_000, i => $"flood {i}");
        Assert.True(h.MemoryBytes <= 256 * 1024);
        var snap = h.Snapshot();
        Assert.Equal(ids[^snap.Messages.Count..], snap.Messages.Select(m => m.MessageId));
        Assert.Equal($"flood {19_999}", snap.Messages[^1].Text);
    }
}
