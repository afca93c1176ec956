using SecureLink.WebRtc.DataChannels;

namespace SecureLink.Rooms.Chat;

/// <summary>
/// The production <see cref="IChatChannel"/>: one binary data-channel message per frame.
/// Text messages on the channel are not chat frames and are passed on as-is, so the
/// decoder rejects them (counted) instead of them being confused with binary ones.
/// Dispose unsubscribes; the data channel itself belongs to the room session.
/// </summary>
public sealed class DataChannelChatChannel : IChatChannel, IDisposable
{
    private readonly DataChannel _channel;

    public DataChannelChatChannel(DataChannel channel)
    {
        _channel = channel ?? throw new ArgumentNullException(nameof(channel));
        _channel.MessageReceived += OnMessage;
    }

    /// <inheritdoc />
    public event Action<ReadOnlyMemory<byte>>? FrameReceived;

    /// <inheritdoc />
    public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct) => _channel.SendAsync(frame, ct);

    public void Dispose() => _channel.MessageReceived -= OnMessage;

    private void OnMessage(DataChannelMessage message) => FrameReceived?.Invoke(message.IsText ? ReadOnlyMemory<byte>.Empty : message.Data);
}
