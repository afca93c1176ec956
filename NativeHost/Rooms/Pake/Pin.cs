using System.Security.Cryptography;

namespace SecureLink.Rooms.Pake;

/// <summary>
/// The room PIN: decimal digits drawn from the operating system's CSPRNG. It is shown to the
/// creator and said aloud to the joiner; it never crosses the wire (see <see cref="PinAuthenticator"/>).
/// </summary>
public static class Pin
{
    /// <summary>Shortest PIN allowed: 4 digits give 1 in 10 000 per online guess.</summary>
    public const int MinDigits = 4;

    /// <summary>Longest PIN allowed; longer ones stop being easy to say and type.</summary>
    public const int MaxDigits = 10;

    /// <summary>Draws a PIN of <paramref name="digits"/> uniformly random decimal digits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">digits is outside 4..10.</exception>
    public static string Generate(int digits = MinDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MinDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxDigits);
        // One GetInt32 per digit: unbiased (it rejects internally), and no modulo over a wider number.
        return string.Create(digits, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        });
    }

    /// <summary>
    /// True when <paramref name="pin"/> is 4..10 ASCII digits, the only form
    /// <see cref="PinAuthenticator.RunAsync"/> accepts. Callers check typed input with this
    /// first (after trimming spaces people add) so a typo is not spent as an attempt.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<char> pin)
    {
        if (pin.Length is < MinDigits or > MaxDigits) return false;
        foreach (var c in pin)
            if (c is < '0' or > '9') return false;
        return true;
    }
}
