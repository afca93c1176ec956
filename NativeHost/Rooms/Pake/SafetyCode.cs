using System.Buffers.Binary;

namespace SecureLink.Rooms.Pake;

/// <summary>
/// Turns a safety key into 8 decimal digits shown as two groups of four, "4821 9930".
/// Digits, not words: they read the same in every language the extension is localised to, need
/// no word list that must never change, and are what people already compare (Signal's safety
/// numbers, bank codes). 8 digits leave a middle who knows the PIN a 1 in 10^8 chance that the two
/// codes agree by luck; the nonce commitment stops it from improving those odds by grinding.
/// </summary>
internal static class SafetyCode
{
    public const int Digits = 8;

    public static string Format(ReadOnlySpan<byte> safetyKey)
    {
        // 64 bits mod 10^8: the bias is below 10^8 / 2^64 ≈ 5e-12, far under one code's 1e-8.
        var value = BinaryPrimitives.ReadUInt64BigEndian(safetyKey) % 100_000_000UL;
        return $"{value / 10_000:D4} {value % 10_000:D4}";
    }
}
