namespace SecureLink.Rooms.Chat;

/// <summary>
/// What the chat needs from a transport: send one binary frame, hear each frame that
/// arrives. One frame is one data-channel binary message; the channel must keep order
/// and be reliable (an ordered, reliable SCTP data channel). Events rather than a
/// receive loop because <see cref="SecureLink.WebRtc.DataChannels.DataChannel"/> is
/// event based: the adapter is then a two-line forwarder (<see cref="DataChannelChatChannel"/>).
/// </summary>
public interface IChatChannel
{
    /// <summary>Sends one frame. The chat never calls this concurrently with itself (sends are serialised).</summary>
    Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct);

    /// <summary>
    /// Raised once per received frame, in arrival order, never concurrently with itself.
    /// The memory is only read during the call (the chat copies what it keeps).
    /// </summary>
    event Action<ReadOnlyMemory<byte>>? FrameReceived;
}
