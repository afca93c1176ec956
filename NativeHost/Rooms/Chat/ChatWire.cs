using System.Buffers.Binary;
using System.Text.Unicode;

namespace SecureLink.Rooms.Chat;

/// <summary>
/// The chat's binary frames, one data-channel binary message each (byte layout in
/// docs/chat-protocol.md): <c>version(1) kind(1) body</c>, integers big-endian.
/// Decoding is strict and throws only <see cref="ChatWireException"/>; encoding
/// checks its arguments with ordinary argument exceptions (those are our own bugs).
/// </summary>
public static class ChatWire
{
    /// <summary>The one version this host writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Latest time a frame may carry: 9999-12-31T23:59:59.999Z, so it always fits a DateTimeOffset.</summary>
    public const long MaxSentAtUnixMs = 253402300799999;

    /// <summary>message: version, kind, id(16), sentAt(int64 unix ms), text(UTF-8, the rest of the frame, 1..65,536 bytes).</summary>
    public static byte[] EncodeMessage(ReadOnlySpan<byte> id, long sentAtUnixMs, ReadOnlySpan<byte> textUtf8)
    {
        CheckId(id);
        ArgumentOutOfRangeException.ThrowIfNegative(sentAtUnixMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sentAtUnixMs, MaxSentAtUnixMs);
        if (textUtf8.IsEmpty || textUtf8.Length > ChatLimits.MaxTextBytes)
            throw new ArgumentOutOfRangeException(nameof(textUtf8), "Text must be 1..65536 bytes.");
        var frame = new byte[ChatLimits.MessageFixedBytes + textUtf8.Length];
        WriteHeader(frame, ChatFrameKind.Message);
        id.CopyTo(frame.AsSpan(ChatLimits.HeaderBytes));
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(ChatLimits.HeaderBytes + ChatLimits.MessageIdBytes), sentAtUnixMs);
        textUtf8.CopyTo(frame.AsSpan(ChatLimits.MessageFixedBytes));
        return frame;
    }

    /// <summary>receipt: version, kind, id(16). Exactly 18 bytes.</summary>
    public static byte[] EncodeReceipt(ReadOnlySpan<byte> id)
    {
        CheckId(id);
        var frame = new byte[ChatLimits.HeaderBytes + ChatLimits.MessageIdBytes];
        WriteHeader(frame, ChatFrameKind.Receipt);
        id.CopyTo(frame.AsSpan(ChatLimits.HeaderBytes));
        return frame;
    }

    /// <summary>typing: version, kind, flag (0 or 1). Exactly 3 bytes.</summary>
    public static byte[] EncodeTyping(bool typing)
    {
        var frame = new byte[ChatLimits.HeaderBytes + 1];
        WriteHeader(frame, ChatFrameKind.Typing);
        frame[2] = typing ? (byte)1 : (byte)0;
        return frame;
    }

    /// <summary>call signal (reserved kinds 0x10..0x15): version, kind, opaque payload (0..1,024 bytes).</summary>
    public static byte[] EncodeCallSignal(ChatFrameKind kind, ReadOnlySpan<byte> payload)
    {
        if (!IsCallSignal((byte)kind))
            throw new ArgumentOutOfRangeException(nameof(kind), "Not a call-signalling kind.");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, ChatLimits.MaxCallSignalPayloadBytes);
        var frame = new byte[ChatLimits.HeaderBytes + payload.Length];
        WriteHeader(frame, kind);
        payload.CopyTo(frame.AsSpan(ChatLimits.HeaderBytes));
        return frame;
    }

    /// <summary>
    /// Parses one frame. Slices in the result point into <paramref name="frame"/>.
    /// Throws <see cref="ChatWireException"/> (and nothing else) for any bad input.
    /// </summary>
    public static ChatFrame Decode(ReadOnlyMemory<byte> frame)
    {
        var span = frame.Span;
        if (span.Length < ChatLimits.HeaderBytes)
            throw Fail(ChatErrorCodes.Truncated, "The frame is shorter than its header.");
        if (span[0] != Version)
            throw Fail(ChatErrorCodes.UnsupportedVersion, $"Chat frame version {span[0]} is not supported (this host speaks {Version}).");
        if (span.Length > ChatLimits.MaxFrameBytes)
            throw Fail(ChatErrorCodes.FrameTooLarge, $"A chat frame of {span.Length} bytes is larger than {ChatLimits.MaxFrameBytes}.");

        var kind = span[1];
        var body = frame[ChatLimits.HeaderBytes..];
        return kind switch
        {
            (byte)ChatFrameKind.Message => DecodeMessage(body),
            (byte)ChatFrameKind.Receipt => new ChatReceiptFrame(Exact(body, ChatLimits.MessageIdBytes)),
            (byte)ChatFrameKind.Typing => DecodeTyping(Exact(body, 1).Span[0]),
            _ when IsCallSignal(kind) => DecodeCallSignal((ChatFrameKind)kind, body),
            _ => throw Fail(ChatErrorCodes.UnknownKind, $"Chat frame kind 0x{kind:x2} is unknown here (a newer peer?); ignored."),
        };
    }

    /// <summary>True for the reserved call-signalling kinds.</summary>
    public static bool IsCallSignal(byte kind) => kind >= (byte)ChatFrameKind.CallOffer && kind <= (byte)ChatFrameKind.CallMute;

    private static ChatMessageFrame DecodeMessage(ReadOnlyMemory<byte> body)
    {
        const int fixedBody = ChatLimits.MessageIdBytes + 8;
        if (body.Length < fixedBody)
            throw Fail(ChatErrorCodes.Truncated, "The message frame ends inside its id or time.");
        var sentAt = BinaryPrimitives.ReadInt64BigEndian(body.Span.Slice(ChatLimits.MessageIdBytes, 8));
        if (sentAt < 0 || sentAt > MaxSentAtUnixMs)
            throw Fail(ChatErrorCodes.BadValue, "The message time is outside the years 1970..9999.");
        var text = body[fixedBody..];
        if (text.IsEmpty)
            throw Fail(ChatErrorCodes.EmptyText, "The message frame has no text.");
        // Length is already bounded by MaxFrameBytes, so text is at most MaxTextBytes.
        if (!Utf8.IsValid(text.Span))
            throw Fail(ChatErrorCodes.InvalidUtf8, "The message text is not valid UTF-8.");
        return new ChatMessageFrame(body[..ChatLimits.MessageIdBytes], sentAt, text);
    }

    private static ChatTypingFrame DecodeTyping(byte flag) => flag switch
    {
        0 => new ChatTypingFrame(false),
        1 => new ChatTypingFrame(true),
        _ => throw Fail(ChatErrorCodes.BadValue, "The typing flag must be 0 or 1."),
    };

    private static ChatCallSignalFrame DecodeCallSignal(ChatFrameKind kind, ReadOnlyMemory<byte> body)
    {
        if (body.Length > ChatLimits.MaxCallSignalPayloadBytes)
            throw Fail(ChatErrorCodes.FrameTooLarge, "A call-signalling frame is larger than 1,024 bytes of payload.");
        return new ChatCallSignalFrame(kind, body);
    }

    private static ReadOnlyMemory<byte> Exact(ReadOnlyMemory<byte> body, int length)
    {
        if (body.Length < length)
            throw Fail(ChatErrorCodes.Truncated, "The frame ends early.");
        if (body.Length > length)
            throw Fail(ChatErrorCodes.TrailingBytes, "The frame has bytes after its last field.");
        return body;
    }

    private static void WriteHeader(byte[] frame, ChatFrameKind kind)
    {
        frame[0] = Version;
        frame[1] = (byte)kind;
    }

    private static void CheckId(ReadOnlySpan<byte> id)
    {
        if (id.Length != ChatLimits.MessageIdBytes)
            throw new ArgumentException("A message id is 16 bytes.", nameof(id));
    }

    private static ChatWireException Fail(string code, string message) => new(code, message);
}
