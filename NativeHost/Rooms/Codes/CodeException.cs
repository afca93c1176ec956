namespace SecureLink.Rooms.Codes;

/// <summary>
/// Why a pasted or scanned code (or a QR image) was refused. <see cref="Code"/> is the stable
/// protocol error code the host answers with (DESIGN.md §4): <c>invite_corrupt</c>,
/// <c>invite_expired</c>, <c>invite_foreign</c>, <c>invite_version</c> (for invites and replies
/// alike, since the protocol names one family), <c>qr_unreadable</c>, <c>image_unreadable</c>.
/// <see cref="Detail"/> is a finer stable code (e.g. <c>truncated</c>, <c>checksum</c>,
/// <c>reply_not_invite</c>) for tests and logs; <see cref="Exception.Message"/> is one sentence for people.
/// </summary>
public sealed class CodeException : Exception
{
    public CodeException(string code, string message) : this(code, code, message) { }

    public CodeException(string code, string detail, string message) : base(message)
    {
        Code = code;
        Detail = detail;
    }

    /// <summary>Stable snake_case protocol code.</summary>
    public string Code { get; }

    /// <summary>Stable snake_case finer reason (equal to <see cref="Code"/> where there is nothing finer).</summary>
    public string Detail { get; }
}

/// <summary>The stable codes and details, in one place so tests and docs can list them.</summary>
public static class CodeErrors
{
    public const string Corrupt = "invite_corrupt";
    public const string Expired = "invite_expired";
    public const string Foreign = "invite_foreign";
    public const string Version = "invite_version";
    public const string QrUnreadable = "qr_unreadable";
    public const string ImageUnreadable = "image_unreadable";

    public const string Empty = "empty";
    public const string TooLong = "too_long";
    public const string NotSecureLink = "not_securelink";
    public const string BadCharacter = "bad_character";
    public const string Truncated = "truncated";
    public const string Checksum = "checksum";
    public const string Malformed = "malformed";
    public const string NewerVersion = "newer_version";
    public const string ReplyNotInvite = "reply_not_invite";
    public const string InviteNotReply = "invite_not_reply";
    public const string OtherRoom = "other_room";
    public const string NoQr = "no_qr";
    public const string ImageTooLarge = "image_too_large";
    public const string ImageFormat = "image_format";

    /// <summary>A bug in the decoder caught by its safety net; tests assert it never appears.</summary>
    public const string Unexpected = "unexpected";
}
