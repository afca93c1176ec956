namespace SecureLink.Host.Framing;

/// <summary>What one call to <see cref="FrameReader.ReadAsync"/> found on the stream.</summary>
public enum FrameReadKind
{
    /// <summary>A whole frame; its bytes are in <see cref="FrameReadResult.Payload"/>.</summary>
    Frame,

    /// <summary>
    /// A length prefix above <see cref="FrameLimits.MaxFrameBytes"/>. Its payload has not been read;
    /// the next read skips it without holding it in memory.
    /// </summary>
    TooLarge,

    /// <summary>The stream ended cleanly between frames.</summary>
    End,

    /// <summary>The stream ended inside a header, a payload or a skipped payload.</summary>
    Truncated,
}

/// <summary>
/// One result of reading. <see cref="Payload"/> is only valid until the next read on the same
/// reader, which zeroes it (request bytes can hold message text).
/// </summary>
public readonly record struct FrameReadResult(FrameReadKind Kind, ReadOnlyMemory<byte> Payload, long DeclaredLength)
{
    public static FrameReadResult End { get; } = new(FrameReadKind.End, default, 0);
    public static FrameReadResult Truncated { get; } = new(FrameReadKind.Truncated, default, 0);
}
