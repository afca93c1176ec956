namespace SecureLink.Rooms.Chat;

/// <summary>The fixed sizes of the chat protocol (docs/chat-protocol.md).</summary>
public static class ChatLimits
{
    /// <summary>Largest message text in UTF-8 bytes (DESIGN §4: 64 KiB means 65,536 bytes).</summary>
    public const int MaxTextBytes = 65536;

    /// <summary>Bytes of a message id on the wire (128 bits).</summary>
    public const int MessageIdBytes = 16;

    /// <summary>version + kind.</summary>
    public const int HeaderBytes = 2;

    /// <summary>Header + id + sentAt, before the text of a message frame.</summary>
    public const int MessageFixedBytes = HeaderBytes + MessageIdBytes + 8;

    /// <summary>
    /// Largest frame of any kind (a message with the longest text): 65,562 bytes. The data
    /// channel must accept messages this large; SecureLink hosts advertise
    /// a=max-message-size:262144, so it does.
    /// </summary>
    public const int MaxFrameBytes = MessageFixedBytes + MaxTextBytes;

    /// <summary>Largest opaque payload of a (reserved) call-signalling frame.</summary>
    public const int MaxCallSignalPayloadBytes = 1024;

    /// <summary>Our typing hint is re-sent at most this often while typing continues.</summary>
    public static readonly TimeSpan TypingRefreshInterval = TimeSpan.FromSeconds(3);

    /// <summary>The peer's typing hint counts as stale (false) this long after its last refresh.</summary>
    public static readonly TimeSpan PeerTypingExpiry = TimeSpan.FromSeconds(6);
}
