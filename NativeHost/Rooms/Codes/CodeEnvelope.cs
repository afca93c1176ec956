using System.Security.Cryptography;
using System.Text;

namespace SecureLink.Rooms.Codes;

/// <summary>
/// The part every code shares: prefix, base-44 text, version and kind bytes, and the 4-byte
/// integrity check (the first 4 bytes of SHA-256 over everything before it). Every future
/// version keeps the prefix, byte 0 as the version and the trailing check, so this version can
/// tell "made by a newer SecureLink" from "damaged".
/// </summary>
internal static class CodeEnvelope
{
    public const byte CurrentVersion = 1;
    public const int CheckLength = 4;

    /// <summary>Appends the check to <paramref name="body"/> (which starts with version and kind) and writes the text.</summary>
    public static string Seal(CodeKind kind, byte[] body)
    {
        var all = new byte[body.Length + CheckLength];
        body.CopyTo(all, 0);
        SHA256.HashData(body).AsSpan(0, CheckLength).CopyTo(all.AsSpan(body.Length));
        return kind.Prefix + Base44.Encode(all);
    }

    /// <summary>
    /// Turns text into a record or a <see cref="CodeException"/>, never anything else:
    /// <paramref name="readFields"/> reads what follows the version and kind bytes.
    /// </summary>
    public static T Open<T>(string? text, CodeKind kind, Func<RecordReader, T> readFields)
    {
        try
        {
            return OpenUnguarded(text, kind, readFields);
        }
        catch (CodeException)
        {
            throw;
        }
        catch (Exception)
        {
            // Safety net: a decoder bug must still reach people as "damaged", not as a crash.
            throw Error(kind, CodeErrors.Unexpected);
        }
    }

    public static CodeException Error(CodeKind kind, string detail)
    {
        var code = detail switch
        {
            CodeErrors.NewerVersion => CodeErrors.Version,
            CodeErrors.Expired => CodeErrors.Expired,
            CodeErrors.ReplyNotInvite or CodeErrors.InviteNotReply or CodeErrors.OtherRoom => CodeErrors.Foreign,
            _ => CodeErrors.Corrupt,
        };
        return new CodeException(code, detail, Message(kind, detail));
    }

    private static T OpenUnguarded<T>(string? text, CodeKind kind, Func<RecordReader, T> readFields)
    {
        var raw = TextToBytes(text, kind);
        var bodyLength = raw.Length - CheckLength;
        var check = SHA256.HashData(raw.AsSpan(0, bodyLength)).AsSpan(0, CheckLength);
        var version = raw[0];
        var kindByte = raw[1];
        if (!check.SequenceEqual(raw.AsSpan(bodyLength)))
        {
            var cutOff = version == CurrentVersion && kindByte == kind.Value && RunsShort(raw, bodyLength, readFields);
            throw Error(kind, cutOff ? CodeErrors.Truncated : CodeErrors.Checksum);
        }
        if (version > CurrentVersion) throw Error(kind, CodeErrors.NewerVersion);
        if (version != CurrentVersion) throw Error(kind, CodeErrors.Malformed);
        if (kindByte == kind.Other.Value) throw Error(kind, ForeignDetail(kind));
        if (kindByte != kind.Value) throw Error(kind, CodeErrors.Malformed);
        try
        {
            var reader = new RecordReader(raw, bodyLength);
            reader.Byte();
            reader.Byte();
            var record = readFields(reader);
            reader.End();
            return record;
        }
        catch (RecordNewerException)
        {
            throw Error(kind, CodeErrors.NewerVersion);
        }
        catch (Exception e) when (e is RecordShortException or RecordFieldException)
        {
            // The check holds yet the fields are wrong: no SecureLink wrote this.
            throw Error(kind, CodeErrors.Malformed);
        }
    }

    /// <summary>
    /// With a failed check, reads the fields anyway: if they need more bytes than there are,
    /// the code was cut off (people lose the end when copying), else a character is wrong.
    /// </summary>
    private static bool RunsShort<T>(byte[] raw, int bodyLength, Func<RecordReader, T> readFields)
    {
        try
        {
            var reader = new RecordReader(raw, bodyLength);
            reader.Byte();
            reader.Byte();
            readFields(reader);
            return false;
        }
        catch (RecordShortException)
        {
            return true;
        }
        catch (Exception e) when (e is RecordFieldException or RecordNewerException)
        {
            return false;
        }
    }

    /// <summary>Normalizes (whitespace and zero-width characters dropped, letters upper-cased), checks the prefix, decodes base-44.</summary>
    private static byte[] TextToBytes(string? text, CodeKind kind)
    {
        if (text is null) throw Error(kind, CodeErrors.Empty);
        if (text.Length > CodeLimits.MaxTextLength) throw Error(kind, CodeErrors.TooLong);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF') continue;
            sb.Append(c is >= 'a' and <= 'z' ? (char)(c - 32) : c);
        }
        var s = sb.ToString();
        if (s.Length == 0) throw Error(kind, CodeErrors.Empty);
        if (!s.StartsWith(kind.Prefix, StringComparison.Ordinal))
        {
            if (s.StartsWith(kind.Other.Prefix, StringComparison.Ordinal)) throw Error(kind, ForeignDetail(kind));
            throw Error(kind, kind.Prefix.StartsWith(s, StringComparison.Ordinal) ? CodeErrors.Truncated : CodeErrors.NotSecureLink);
        }
        var payload = s.AsSpan(kind.Prefix.Length);
        foreach (var c in payload)
            if (Base44.Digit(c) < 0) throw Error(kind, CodeErrors.BadCharacter);
        var bytes = Base44.TryDecode(payload, out var badLength);
        if (bytes is null)
        {
            // A last group of 2 that overflows a byte is most likely a 3-group that lost its end.
            var cut = badLength || payload.Length % 3 == 2;
            throw Error(kind, cut && !MiddleGroupOverflows(payload) ? CodeErrors.Truncated : CodeErrors.Checksum);
        }
        if (bytes.Length < 2 + CheckLength) throw Error(kind, CodeErrors.Truncated);
        return bytes;
    }

    private static bool MiddleGroupOverflows(ReadOnlySpan<char> payload)
    {
        for (var i = 0; i + 2 < payload.Length; i += 3)
            if (Base44.Digit(payload[i]) + Base44.Digit(payload[i + 1]) * 44 + Base44.Digit(payload[i + 2]) * 44 * 44 > 0xFFFF) return true;
        return false;
    }

    private static string ForeignDetail(CodeKind expected) =>
        ReferenceEquals(expected, CodeKind.Invite) ? CodeErrors.ReplyNotInvite : CodeErrors.InviteNotReply;

    private static string Message(CodeKind kind, string detail) => detail switch
    {
        CodeErrors.Empty => $"The {kind.Noun} is empty; paste or scan it first.",
        CodeErrors.TooLong => $"That text is far too long to be a SecureLink {kind.Noun}.",
        CodeErrors.NotSecureLink => $"That is not a SecureLink {kind.Noun} (it should start with {kind.Prefix}).",
        CodeErrors.BadCharacter => $"That {kind.Noun} has a character no SecureLink code uses; copy it again.",
        CodeErrors.Truncated => $"That {kind.Noun} is cut off; copy all of it, or scan it again.",
        CodeErrors.Checksum => $"That {kind.Noun} is damaged (a character is wrong or missing); copy it again, or scan it.",
        CodeErrors.NewerVersion => $"That {kind.Noun} was made by a newer SecureLink; update SecureLink to use it.",
        CodeErrors.Expired => "That invite has expired; ask the other person for a new one.",
        CodeErrors.ReplyNotInvite => "That is a reply code, not an invite; it goes into the SecureLink of the person who started the room.",
        CodeErrors.InviteNotReply => "That is an invite code, not a reply; paste the reply code the other person's SecureLink made.",
        CodeErrors.OtherRoom => "That reply answers a different room; ask the other person to join with your current invite.",
        _ => $"That {kind.Noun} is not one SecureLink could have made; ask for a new one.",
    };
}
