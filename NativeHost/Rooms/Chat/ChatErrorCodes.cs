namespace SecureLink.Rooms.Chat;

/// <summary>
/// Stable snake_case codes carried by <see cref="ChatException"/> and
/// <see cref="ChatWireException"/>. The host passes the API ones straight to
/// <c>error.code</c>; the wire ones are only counted and logged (never shown).
/// </summary>
public static class ChatErrorCodes
{
    // API (ChatException)
    /// <summary>Text longer than 65,536 UTF-8 bytes.</summary>
    public const string MessageTooLong = "message_too_long";
    /// <summary>Text empty or only white space.</summary>
    public const string EmptyMessage = "empty_message";
    /// <summary>Text that is not valid Unicode (a lone UTF-16 surrogate): it has no UTF-8 form.</summary>
    public const string InvalidText = "invalid_text";
    /// <summary>A history page asked for a message id the history does not hold.</summary>
    public const string UnknownMessage = "unknown_message";
    /// <summary>The session was disposed.</summary>
    public const string Closed = "chat_closed";

    // Wire (ChatWireException)
    /// <summary>The frame ends before its fixed fields do (includes an empty frame).</summary>
    public const string Truncated = "truncated";
    /// <summary>The frame is larger than <see cref="ChatLimits.MaxFrameBytes"/> or its kind allows.</summary>
    public const string FrameTooLarge = "frame_too_large";
    /// <summary>Bytes after the last field of a fixed-size frame.</summary>
    public const string TrailingBytes = "trailing_bytes";
    /// <summary>The first byte is not a version this host speaks.</summary>
    public const string UnsupportedVersion = "unsupported_version";
    /// <summary>A kind this host does not know (a newer peer): ignore the frame, keep the session.</summary>
    public const string UnknownKind = "unknown_kind";
    /// <summary>The message text is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "invalid_utf8";
    /// <summary>A message frame with no text at all.</summary>
    public const string EmptyText = "empty_text";
    /// <summary>A field holds a value outside its range (typing flag not 0/1, time outside year 1970..9999).</summary>
    public const string BadValue = "bad_value";
}
