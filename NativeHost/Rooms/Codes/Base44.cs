namespace SecureLink.Rooms.Codes;

/// <summary>
/// Bytes as text over the 44 QR alphanumeric characters other than space, the way RFC 9285
/// does base-45: each 2 bytes (a big-endian number n &lt; 65536 &lt; 44³) become 3 characters,
/// least significant first; a last odd byte becomes 2 characters. Space is left out so a code
/// survives copy-paste and line wrapping (readers drop whitespace).
/// </summary>
public static class Base44
{
    /// <summary>The alphabet, in digit order.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";

    private const int Radix = 44;

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[data.Length / 2 * 3 + data.Length % 2 * 2];
        var o = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            var n = (data[i] << 8) | data[i + 1];
            chars[o++] = Alphabet[n % Radix];
            chars[o++] = Alphabet[n / Radix % Radix];
            chars[o++] = Alphabet[n / (Radix * Radix)];
        }
        if (i < data.Length)
        {
            chars[o++] = Alphabet[data[i] % Radix];
            chars[o] = Alphabet[data[i] / Radix];
        }
        return new string(chars);
    }

    /// <summary>
    /// Decodes upper-case text made only of <see cref="Alphabet"/>. Returns null when a
    /// character is outside it, a group's value is out of range, or the length is 1 mod 3
    /// (a lone character cannot be a group); <paramref name="badLength"/> tells that last case apart.
    /// </summary>
    public static byte[]? TryDecode(ReadOnlySpan<char> text, out bool badLength)
    {
        badLength = text.Length % 3 == 1;
        if (badLength) return null;
        var bytes = new byte[text.Length / 3 * 2 + (text.Length % 3 == 2 ? 1 : 0)];
        var o = 0;
        var i = 0;
        for (; i + 2 < text.Length; i += 3)
        {
            int a = Digit(text[i]), b = Digit(text[i + 1]), c = Digit(text[i + 2]);
            if ((a | b | c) < 0) return null;
            var n = a + b * Radix + c * Radix * Radix;
            if (n > 0xFFFF) return null;
            bytes[o++] = (byte)(n >> 8);
            bytes[o++] = (byte)n;
        }
        if (i < text.Length)
        {
            int a = Digit(text[i]), b = Digit(text[i + 1]);
            if ((a | b) < 0) return null;
            var n = a + b * Radix;
            if (n > 0xFF) return null;
            bytes[o] = (byte)n;
        }
        return bytes;
    }

    /// <summary>The digit value of an upper-case alphabet character, or -1.</summary>
    public static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        '$' => 36,
        '%' => 37,
        '*' => 38,
        '+' => 39,
        '-' => 40,
        '.' => 41,
        '/' => 42,
        ':' => 43,
        _ => -1,
    };
}
