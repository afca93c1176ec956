using System.Security.Cryptography;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Chat;

/// <summary>
/// The chat of one room over one <see cref="IChatChannel"/>: messages with receipts,
/// duplicate suppression, the typing hint and re-sending after a reconnect. All time
/// comes from the injected <see cref="TimeProvider"/>. Bad frames are dropped and
/// counted; nothing a peer sends can throw out of the channel's event.
/// Events are raised outside every lock, on the caller's thread for our own actions
/// and on the channel's thread for the peer's (or the timer's for typing expiry).
/// </summary>
public sealed class ChatSession : IDisposable
{
    private const string LogCategory = "chat";

    private readonly IChatChannel _channel;
    private readonly TimeProvider _time;
    private readonly ILog _log;
    private readonly SerialSender _sender;
    private readonly object _gate = new();
    private readonly TypingState _typing;
    private readonly ITimer _typingExpiry;
    private long _framesReceived, _framesRejected, _sendFailures, _duplicates;
    private bool _disposed;

    public ChatSession(IChatChannel channel, TimeProvider? time = null, ChatHistory? history = null, ILog? log = null)
    {
        _channel = channel ?? throw new ArgumentNullException(nameof(channel));
        _time = time ?? TimeProvider.System;
        _log = log ?? NullLog.Instance;
        History = history ?? new ChatHistory();
        _sender = new SerialSender(channel);
        _typing = new TypingState(_time);
        _typingExpiry = _time.CreateTimer(_ => OnTypingExpiry(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _channel.FrameReceived += OnFrameReceived;
    }

    /// <summary>A message joined the history: ours as we send it (raised under the session lock, before the frame leaves, so handlers must not block), the peer's on first arrival (never twice).</summary>
    public event Action<ChatMessage>? MessageAdded;

    /// <summary>The peer confirmed one of our messages (first receipt only); the id is lower-case hex.</summary>
    public event Action<string>? ReceiptReceived;

    /// <summary>What to show of the peer's typing changed.</summary>
    public event Action<bool>? PeerTypingChanged;

    /// <summary>A reserved call-signalling frame arrived; its payload is valid only during the call.</summary>
    public event Action<ChatCallSignalFrame>? CallSignalReceived;

    /// <summary>A frame was dropped as malformed or unknown; the argument is its wire code (e.g. <c>unknown_kind</c>).</summary>
    public event Action<string>? FrameRejected;

    /// <summary>The conversation (also for <c>state.get</c> snapshots and <c>chat.history</c> pages).</summary>
    public ChatHistory History { get; }

    /// <summary>What to show of the peer's typing now.</summary>
    public bool PeerTyping { get { lock (_gate) return _typing.PeerTyping; } }

    /// <summary>Frames handled, good or bad (counted when handling ends).</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Frames dropped as malformed or unknown.</summary>
    public long FramesRejected => Interlocked.Read(ref _framesRejected);

    /// <summary>Frames the channel failed to take (messages among them stay undelivered, for <see cref="ResendUndeliveredAsync"/>).</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Peer messages received again (receipted, not shown).</summary>
    public long DuplicatesReceived => Interlocked.Read(ref _duplicates);

    /// <summary>
    /// Sends a message and returns its id (32 lower-case hex). Validation errors throw
    /// <see cref="ChatException"/> (<c>empty_message</c>, <c>message_too_long</c>,
    /// <c>invalid_text</c>, <c>chat_closed</c>) before anything is stored. Otherwise the
    /// message is in the history (status sent, <see cref="MessageAdded"/> raised) before it
    /// goes out; if the channel then fails, the failure is counted, not thrown: the message
    /// stays undelivered and <see cref="ResendUndeliveredAsync"/> sends it again. Only the
    /// cancellation of <paramref name="ct"/> is thrown.
    /// </summary>
    public async Task<string> SendAsync(string text, CancellationToken ct = default)
    {
        var utf8 = ChatText.EncodeForSending(text);
        try
        {
            var idBytes = MessageId.NewBytes();
            var id = MessageId.ToHex(idBytes);
            var sentAt = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var frame = ChatWire.EncodeMessage(idBytes, sentAt, utf8);
            ChatMessage added;
            Task sending;
            lock (_gate)
            {
                ThrowIfDisposed();
                added = History.TryAdd(id, ChatSender.Me, utf8, sentAt, ChatMessageStatus.Sent)
                    ?? throw new InvalidOperationException("A fresh 128-bit id collided.");
                _typing.OwnMessageSent();
                // Announced before the frame can leave: otherwise the peer's receipt could be
                // reported before our own copy of the message (seen as a flaky host test).
                // Handlers must not block (the room session only queues the event).
                MessageAdded?.Invoke(added);
                // Enqueued under the lock so the wire order is the history order.
                sending = _sender.EnqueueAsync(frame, ct);
            }
            Debug($"sent message {MessageId.ForLog(id)}, {utf8.Length} bytes");
            await Observe(sending, ct).ConfigureAwait(false);
            return id;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }
    }

    /// <summary>
    /// Our typing state. Sends only on change, and re-sends true at most every 3 s while
    /// typing continues (call it on every keystroke). True when a frame went out.
    /// </summary>
    public async Task<bool> SetTypingAsync(bool typing, CancellationToken ct = default)
    {
        Task sending;
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!_typing.ShouldSendOwn(typing))
                return false;
            sending = _sender.EnqueueAsync(ChatWire.EncodeTyping(typing), ct);
        }
        await Observe(sending, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Sends every undelivered message of ours again, oldest first, with its original id
    /// and time (after a reconnect). The receiver shows each once and receipts it again.
    /// Returns how many were handed to the channel.
    /// </summary>
    public async Task<int> ResendUndeliveredAsync(CancellationToken ct = default)
    {
        var sends = new List<Task>();
        lock (_gate)
        {
            ThrowIfDisposed();
            foreach (var (_, frame) in History.UndeliveredFrames())
                sends.Add(_sender.EnqueueAsync(frame, ct));
        }
        Debug($"resending {sends.Count} undelivered messages");
        var sent = 0;
        foreach (var send in sends)
        {
            if (await Observe(send, ct).ConfigureAwait(false))
                sent++;
        }
        return sent;
    }

    /// <summary>Sends a reserved call-signalling frame (payload defined by the call layer, at most 1,024 bytes).</summary>
    public async Task SendCallSignalAsync(ChatFrameKind kind, ReadOnlyMemory<byte> payload, CancellationToken ct = default)
    {
        var frame = ChatWire.EncodeCallSignal(kind, payload.Span);
        Task sending;
        lock (_gate)
        {
            ThrowIfDisposed();
            sending = _sender.EnqueueAsync(frame, ct);
        }
        await Observe(sending, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Handles one received frame (what <see cref="IChatChannel.FrameReceived"/> calls; public
    /// so a session that demultiplexes a shared channel can feed frames itself). Never throws
    /// for bad input: malformed or unknown frames are counted and reported by <see cref="FrameRejected"/>.
    /// </summary>
    public void HandleFrame(ReadOnlyMemory<byte> frame)
    {
        try
        {
            Handle(frame);
        }
        finally
        {
            Interlocked.Increment(ref _framesReceived);
        }
    }

    private void Handle(ReadOnlyMemory<byte> frame)
    {
        ChatFrame decoded;
        try
        {
            decoded = ChatWire.Decode(frame);
        }
        catch (ChatWireException e)
        {
            Interlocked.Increment(ref _framesRejected);
            Debug($"dropped a {frame.Length}-byte frame: {e.Code}");
            FrameRejected?.Invoke(e.Code);
            return;
        }
        lock (_gate)
        {
            if (_disposed)
                return;
        }
        switch (decoded)
        {
            case ChatMessageFrame m: OnMessage(m); break;
            case ChatReceiptFrame r: OnReceipt(r); break;
            case ChatTypingFrame t: OnTyping(t.Typing); break;
            case ChatCallSignalFrame c: CallSignalReceived?.Invoke(c); break;
        }
    }

    /// <summary>Stops listening, stops the typing timer and wipes the history (leaving the room).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _channel.FrameReceived -= OnFrameReceived;
        _typingExpiry.Dispose();
        History.Wipe();
    }

    private void OnMessage(ChatMessageFrame m)
    {
        var id = MessageId.ToHex(m.Id.Span);
        ChatMessage? added;
        bool? typingChange;
        lock (_gate)
        {
            added = History.TryAdd(id, ChatSender.Peer, m.Text.Span, m.SentAtUnixMs, ChatMessageStatus.Delivered);
            typingChange = _typing.ApplyPeer(false);
            if (typingChange is not null)
                _typingExpiry.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        if (added is null)
        {
            Interlocked.Increment(ref _duplicates);
            Debug($"duplicate message {MessageId.ForLog(id)}, receipted again");
        }
        // Receipted even when a duplicate: the peer resent because our earlier receipt was lost.
        _ = Observe(_sender.EnqueueAsync(ChatWire.EncodeReceipt(m.Id.Span), CancellationToken.None), CancellationToken.None);
        if (added is not null)
            MessageAdded?.Invoke(added);
        if (typingChange is bool shown)
            PeerTypingChanged?.Invoke(shown);
    }

    private void OnReceipt(ChatReceiptFrame r)
    {
        var id = MessageId.ToHex(r.Id.Span);
        if (History.MarkDelivered(id))
            ReceiptReceived?.Invoke(id);
    }

    private void OnTyping(bool typing)
    {
        bool? change;
        lock (_gate)
        {
            change = _typing.ApplyPeer(typing);
            _typingExpiry.Change(typing ? ChatLimits.PeerTypingExpiry : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        if (change is bool shown)
            PeerTypingChanged?.Invoke(shown);
    }

    private void OnTypingExpiry()
    {
        bool expired;
        lock (_gate)
        {
            if (_disposed)
                return;
            expired = _typing.ExpirePeer();
            // A refresh raced the timer: wait out the rest of the new window.
            if (!expired && _typing.PeerTyping)
                _typingExpiry.Change(_typing.PeerTimeLeft, Timeout.InfiniteTimeSpan);
        }
        if (expired)
            PeerTypingChanged?.Invoke(false);
    }

    private void OnFrameReceived(ReadOnlyMemory<byte> frame)
    {
        try
        {
            HandleFrame(frame);
        }
        catch (Exception e)
        {
            // A subscriber's bug must not take down the data channel's receive loop.
            if (_log.IsEnabled(LogLevel.Error))
                _log.Write(LogLevel.Error, LogCategory, $"chat event handler failed: {e.GetType().Name}");
        }
    }

    /// <summary>Awaits a send; channel failures are counted (false), only our own cancellation is thrown.</summary>
    private async Task<bool> Observe(Task sending, CancellationToken ct)
    {
        try
        {
            await sending.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _sendFailures);
            throw;
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _sendFailures);
            Debug($"send failed: {e.GetType().Name}");
            return false;
        }
    }


    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw new ChatException(ChatErrorCodes.Closed, "The chat has ended.");
    }

    private void Debug(string line)
    {
        if (_log.IsEnabled(LogLevel.Debug))
            _log.Write(LogLevel.Debug, LogCategory, line);
    }
}
