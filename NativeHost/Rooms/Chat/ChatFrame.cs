namespace SecureLink.Rooms.Chat;

/// <summary>One decoded chat frame (see <see cref="ChatWire"/>).</summary>
public abstract record ChatFrame(ChatFrameKind Kind);

/// <summary>
/// A chat message. <see cref="Text"/> is valid UTF-8 (checked by the decoder) and, after
/// decoding, a slice of the received buffer: copy it before the buffer is reused.
/// </summary>
public sealed record ChatMessageFrame(ReadOnlyMemory<byte> Id, long SentAtUnixMs, ReadOnlyMemory<byte> Text)
    : ChatFrame(ChatFrameKind.Message);

/// <summary>Delivery receipt for the message with this 16-byte id.</summary>
public sealed record ChatReceiptFrame(ReadOnlyMemory<byte> Id) : ChatFrame(ChatFrameKind.Receipt);

/// <summary>The sender is (or stopped) typing.</summary>
public sealed record ChatTypingFrame(bool Typing) : ChatFrame(ChatFrameKind.Typing);

/// <summary>A reserved call-signalling kind (0x10..0x15) with an opaque payload for the call layer.</summary>
public sealed record ChatCallSignalFrame(ChatFrameKind SignalKind, ReadOnlyMemory<byte> Payload) : ChatFrame(SignalKind);
