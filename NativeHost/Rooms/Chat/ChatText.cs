using System.Text;

namespace SecureLink.Rooms.Chat;

/// <summary>
/// Turning what a person typed into the bytes the chat keeps, and the size measures of
/// the history. Strict UTF-8: a string holding a lone surrogate has no UTF-8 form and is
/// refused (<c>invalid_text</c>) rather than silently changed to U+FFFD — what is
/// delivered must be exactly what was typed.
/// </summary>
public static class ChatText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Fixed budget per message on top of its text for <see cref="JsonBudget"/>: covers
    /// <c>{"messageId":"…32…","from":"peer","text":"","sentAt":"2026-12-01T18:34:23.123Z","status":"delivered"}</c>
    /// (about 110 bytes) with room for an event wrapper and separators.
    /// </summary>
    public const int JsonOverheadBytes = 160;

    /// <summary>Fixed memory charge per history entry on top of its UTF-8 text (object, id, index entry).</summary>
    public const int MemoryOverheadBytes = 128;

    /// <summary>
    /// Validates and encodes text for sending. Throws <see cref="ChatException"/>:
    /// <c>empty_message</c> (empty or only white space), <c>message_too_long</c>
    /// (more than 65,536 UTF-8 bytes), <c>invalid_text</c> (lone surrogate).
    /// </summary>
    public static byte[] EncodeForSending(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new ChatException(ChatErrorCodes.EmptyMessage, "A message needs some text.");
        // Every char is at least one UTF-8 byte: a longer string cannot fit, and is not encoded at all.
        if (text.Length > ChatLimits.MaxTextBytes)
            throw TooLong();
        int length;
        try
        {
            length = Strict.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            throw new ChatException(ChatErrorCodes.InvalidText, "The text contains a broken character (a lone UTF-16 surrogate).");
        }
        if (length > ChatLimits.MaxTextBytes)
            throw TooLong();
        var bytes = new byte[length];
        Strict.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>Decodes text the history holds (already validated UTF-8).</summary>
    public static string Decode(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>
    /// Upper bound of the bytes this text takes inside a JSON string, under any escaping
    /// System.Text.Json may apply (its default encoder writes non-ASCII and HTML-sensitive
    /// characters as \uXXXX): printable ASCII 1 byte (6 when it may be escaped), every other
    /// ASCII 6, every BMP character 6, every supplementary character 12. Not UTF-8 length on
    /// purpose: a 768 KiB snapshot must stay under the browser's 1 MiB frame however the
    /// host escapes, and a single longest message (at most 6 x 65,536) always fits.
    /// </summary>
    public static int JsonBudget(ReadOnlySpan<byte> utf8)
    {
        var total = 0;
        var i = 0;
        while (i < utf8.Length)
        {
            var b = utf8[i];
            if (b < 0x80)
            {
                total += IsPlainJsonAscii(b) ? 1 : 6;
                i++;
            }
            else if (b >= 0xF0)
            {
                total += 12;
                i += 4;
            }
            else
            {
                total += 6;
                i += b >= 0xE0 ? 3 : 2;
            }
        }
        return total;
    }

    private static bool IsPlainJsonAscii(byte b) =>
        b >= 0x20 && b < 0x7F && b is not ((byte)'"' or (byte)'\\' or (byte)'<' or (byte)'>' or (byte)'&' or (byte)'\'' or (byte)'+' or (byte)'`');

    private static ChatException TooLong() =>
        new(ChatErrorCodes.MessageTooLong, $"A message may be at most {ChatLimits.MaxTextBytes} bytes of UTF-8 text.");
}
