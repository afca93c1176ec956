using System.Security.Cryptography;

namespace SecureLink.Rooms.Chat;

/// <summary>
/// Message ids: 128 random bits from the OS CSPRNG, chosen by the sender; 16 bytes on the
/// wire, 32 lower-case hex characters everywhere else. Random rather than counted so two
/// sides, resends and reconnects never need to agree on a sequence.
/// </summary>
public static class MessageId
{
    /// <summary>Length of the text form.</summary>
    public const int HexLength = ChatLimits.MessageIdBytes * 2;

    /// <summary>A fresh id in its 16-byte form.</summary>
    public static byte[] NewBytes() => RandomNumberGenerator.GetBytes(ChatLimits.MessageIdBytes);

    /// <summary>The text form of a 16-byte id.</summary>
    public static string ToHex(ReadOnlySpan<byte> id)
    {
        if (id.Length != ChatLimits.MessageIdBytes)
            throw new ArgumentException("A message id is 16 bytes.", nameof(id));
        return Convert.ToHexStringLower(id);
    }

    /// <summary>Parses the text form (either case); false for anything that is not 32 hex digits.</summary>
    public static bool TryParse(string? hex, out byte[] id)
    {
        id = [];
        if (hex is null || hex.Length != HexLength)
            return false;
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        id = Convert.FromHexString(hex);
        return true;
    }

    /// <summary>The canonical (lower-case) text form, or null when <paramref name="hex"/> is not an id.</summary>
    public static string? Normalize(string? hex) => TryParse(hex, out var id) ? ToHex(id) : null;

    /// <summary>First 4 hex characters: all a debug log line may show of an id.</summary>
    public static string ForLog(string hex) => hex.Length >= 4 ? hex[..4] : hex;
}
