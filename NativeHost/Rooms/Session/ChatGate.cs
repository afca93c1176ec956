using SecureLink.Rooms.Chat;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.Rooms.Session;

/// <summary>
/// The chat channel as an <see cref="IChatChannel"/>, listening only from <see cref="Open"/> on.
/// Until then the data channel keeps early frames itself (they are replayed, in order, when we
/// subscribe), so nothing the peer sends is read before our side has verified the PIN, and a
/// message sent by a peer that verified a moment sooner is not lost either.
/// </summary>
internal sealed class ChatGate : IChatChannel, IDisposable
{
    public const string Label = "securelink-chat";

    private readonly DataChannel _channel;
    private bool _open;

    public ChatGate(DataChannel channel) => _channel = channel;

    public event Action<ReadOnlyMemory<byte>>? FrameReceived;

    public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct) => _channel.SendAsync(frame, ct);

    /// <summary>Starts delivering frames (call after the chat session subscribed).</summary>
    public void Open()
    {
        if (_open) return;
        _open = true;
        _channel.MessageReceived += OnMessage;
    }

    public void Dispose()
    {
        if (_open) _channel.MessageReceived -= OnMessage;
        _open = false;
    }

    // Text messages are not chat frames: passed on empty so the decoder counts and drops them.
    private void OnMessage(DataChannelMessage message) =>
        FrameReceived?.Invoke(message.IsText ? ReadOnlyMemory<byte>.Empty : message.Data);
}
