namespace SecureLink.Rooms.Chat;

/// <summary>Who wrote a message, from this host's point of view (JSON <c>"me"</c> / <c>"peer"</c>).</summary>
public enum ChatSender
{
    Me,
    Peer,
}

/// <summary>Delivery state of a message (JSON <c>"sent"</c> / <c>"delivered"</c>). Peer messages are always Delivered.</summary>
public enum ChatMessageStatus
{
    Sent,
    Delivered,
}

/// <summary>
/// One history item as handed out for display. <see cref="Text"/> is a fresh string
/// decoded from the history's own buffer: .NET cannot zero strings, so such copies are
/// outside <see cref="ChatHistory.Wipe"/>'s reach — keep them short-lived (serialise, drop).
/// <see cref="SentAt"/> is the sender's clock for peer messages.
/// </summary>
public sealed record ChatMessage(string MessageId, ChatSender From, string Text, DateTimeOffset SentAt, ChatMessageStatus Status);

/// <summary>A slice of history, oldest first, and whether anything older remains.</summary>
public sealed record ChatHistoryPage(IReadOnlyList<ChatMessage> Messages, bool HasOlder);
