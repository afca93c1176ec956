using System.Security.Cryptography;

namespace SecureLink.Rooms.Chat;

/// <summary>
/// The conversation, in memory only, in arrival order (our own messages at the moment
/// we send them). Each text lives in a UTF-8 byte[] the history owns, so
/// <see cref="Wipe"/> can zero it; strings handed out in <see cref="ChatMessage"/> are
/// copies the caller should drop quickly. Bounded: when the memory charge (UTF-8 text
/// + <see cref="ChatText.MemoryOverheadBytes"/> per message) passes the cap (64 MiB by
/// default) the oldest messages are zeroed and dropped first, so a flood cannot exhaust
/// memory. Thread-safe: every member takes one lock.
/// </summary>
public sealed class ChatHistory
{
    /// <summary>Default memory cap: 64 MiB.</summary>
    public const long DefaultMemoryCapBytes = 64L * 1024 * 1024;

    /// <summary>Default byte budget of a snapshot or page: 768 KiB (DESIGN §4), under the 1 MiB frame to the browser.</summary>
    public const int DefaultSnapshotBytes = 768 * 1024;

    /// <summary>Default and largest page sizes of <see cref="Page"/>.</summary>
    public const int DefaultPageLimit = 50, MaxPageLimit = 200;

    private readonly object _gate = new();
    private readonly long _memoryCap;
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    // A list with a moving head: dropping the oldest is O(1) amortised, positions stay cheap to find.
    private readonly List<Entry?> _items = [];
    private int _head;
    private long _nextSeq;
    private long _memoryBytes;
    private long _dropped;

    public ChatHistory(long memoryCapBytes = DefaultMemoryCapBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryCapBytes, ChatLimits.MaxTextBytes + ChatText.MemoryOverheadBytes);
        _memoryCap = memoryCapBytes;
    }

    /// <summary>Messages held now.</summary>
    public int Count { get { lock (_gate) return _items.Count - _head; } }

    /// <summary>The memory charge of what is held (see the class summary).</summary>
    public long MemoryBytes { get { lock (_gate) return _memoryBytes; } }

    /// <summary>Messages dropped by the memory cap since the last wipe.</summary>
    public long DroppedByCap { get { lock (_gate) return _dropped; } }

    /// <summary>True when a message with this id (from either side) is held.</summary>
    public bool Contains(string messageId) { lock (_gate) return _byId.ContainsKey(messageId); }

    /// <summary>
    /// Appends a message, copying <paramref name="utf8Text"/> (valid UTF-8, 1..65,536 bytes)
    /// into a buffer of its own. Returns null, storing nothing, when the id is already held.
    /// </summary>
    public ChatMessage? TryAdd(string messageId, ChatSender from, ReadOnlySpan<byte> utf8Text, long sentAtUnixMs, ChatMessageStatus status)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        if (utf8Text.IsEmpty || utf8Text.Length > ChatLimits.MaxTextBytes)
            throw new ArgumentOutOfRangeException(nameof(utf8Text));
        // The size measures and the display copy assume well-formed text.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Text))
            throw new ArgumentException("The text is not valid UTF-8.", nameof(utf8Text));
        lock (_gate)
        {
            if (_byId.ContainsKey(messageId))
                return null;
            var entry = new Entry(messageId, from, utf8Text.ToArray(), sentAtUnixMs, status, _nextSeq++, ChatText.JsonBudget(utf8Text));
            _items.Add(entry);
            _byId.Add(messageId, entry);
            _memoryBytes += entry.MemoryBytes;
            while (_memoryBytes > _memoryCap && _items.Count - _head > 1)
                DropOldest();
            return entry.ToMessage();
        }
    }

    /// <summary>Marks one of our messages delivered; false when unknown, the peer's, or already delivered.</summary>
    public bool MarkDelivered(string messageId)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(messageId, out var entry) || entry.From != ChatSender.Me || entry.Status == ChatMessageStatus.Delivered)
                return false;
            entry.Status = ChatMessageStatus.Delivered;
            return true;
        }
    }

    /// <summary>One message by id, or null.</summary>
    public ChatMessage? Find(string messageId)
    {
        lock (_gate) return _byId.TryGetValue(messageId, out var entry) ? entry.ToMessage() : null;
    }

    /// <summary>
    /// The newest messages whose <see cref="ChatText.JsonBudget"/> + <see cref="ChatText.JsonOverheadBytes"/>
    /// sizes add up to at most <paramref name="maxBytes"/>, oldest first, and whether older ones remain.
    /// </summary>
    public ChatHistoryPage Snapshot(int maxBytes = DefaultSnapshotBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        lock (_gate) return Collect(_items.Count, int.MaxValue, maxBytes);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> messages (clamped to 1..200) just older than
    /// <paramref name="beforeMessageId"/>, within <paramref name="maxBytes"/>, oldest first.
    /// Throws <see cref="ChatException"/> <c>unknown_message</c> when the id is not held
    /// (never was, or dropped by the cap or a wipe).
    /// </summary>
    public ChatHistoryPage Page(string beforeMessageId, int limit = DefaultPageLimit, int maxBytes = DefaultSnapshotBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        limit = Math.Clamp(limit, 1, MaxPageLimit);
        var key = MessageId.Normalize(beforeMessageId);
        lock (_gate)
        {
            if (key is null || !_byId.TryGetValue(key, out var before))
                throw new ChatException(ChatErrorCodes.UnknownMessage, "That message is not in the history.");
            return Collect(IndexOf(before), limit, maxBytes);
        }
    }

    /// <summary>Zeroes every text buffer this history owns and forgets everything.</summary>
    public void Wipe()
    {
        lock (_gate)
        {
            for (var i = _head; i < _items.Count; i++)
                CryptographicOperations.ZeroMemory(_items[i]!.Text);
            _items.Clear();
            _byId.Clear();
            _head = 0;
            _memoryBytes = 0;
            _dropped = 0;
        }
    }

    /// <summary>Frames re-sending our undelivered messages, oldest first, same ids and times.</summary>
    internal List<(string Id, byte[] Frame)> UndeliveredFrames()
    {
        lock (_gate)
        {
            var frames = new List<(string, byte[])>();
            for (var i = _head; i < _items.Count; i++)
            {
                var e = _items[i]!;
                if (e.From == ChatSender.Me && e.Status == ChatMessageStatus.Sent)
                    frames.Add((e.Id, ChatWire.EncodeMessage(Convert.FromHexString(e.Id), e.SentAtUnixMs, e.Text)));
            }
            return frames;
        }
    }

    /// <summary>Test seam: the very buffer holding a message's text, to prove wiping zeroes it.</summary>
    internal byte[]? TextBufferForTest(string messageId)
    {
        lock (_gate) return _byId.TryGetValue(messageId, out var e) ? e.Text : null;
    }

    private ChatHistoryPage Collect(int endExclusive, int limit, int maxBytes)
    {
        var start = endExclusive;
        long used = 0;
        while (start > _head && endExclusive - start < limit)
        {
            var size = _items[start - 1]!.JsonBytes;
            if (used + size > maxBytes)
                break;
            used += size;
            start--;
        }
        var page = new List<ChatMessage>(endExclusive - start);
        for (var i = start; i < endExclusive; i++)
            page.Add(_items[i]!.ToMessage());
        return new ChatHistoryPage(page, start > _head);
    }

    private int IndexOf(Entry entry) => _head + (int)(entry.Seq - _items[_head]!.Seq);

    private void DropOldest()
    {
        var oldest = _items[_head]!;
        CryptographicOperations.ZeroMemory(oldest.Text);
        _byId.Remove(oldest.Id);
        _memoryBytes -= oldest.MemoryBytes;
        _items[_head] = null;
        _head++;
        _dropped++;
        if (_head > 1024 && _head * 2 > _items.Count)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }
    }

    private sealed class Entry(string id, ChatSender from, byte[] text, long sentAtUnixMs, ChatMessageStatus status, long seq, int jsonText)
    {
        public string Id { get; } = id;
        public ChatSender From { get; } = from;
        public byte[] Text { get; } = text;
        public long SentAtUnixMs { get; } = sentAtUnixMs;
        public ChatMessageStatus Status { get; set; } = status;
        public long Seq { get; } = seq;
        public int JsonBytes { get; } = jsonText + ChatText.JsonOverheadBytes;
        public int MemoryBytes => Text.Length + ChatText.MemoryOverheadBytes;

        public ChatMessage ToMessage() =>
            new(Id, From, ChatText.Decode(Text), DateTimeOffset.FromUnixTimeMilliseconds(SentAtUnixMs), Status);
    }
}
