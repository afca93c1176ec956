namespace SecureLink.Host.Protocol;

/// <summary>
/// The stable <c>error.code</c> values of the protocol (docs/protocol.md lists their meaning).
/// Clients branch on these; the human sentence in <c>error.message</c> may change.
/// </summary>
public static class ErrorCodes
{
    public const string BadJson = "bad_json";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string NotAnObject = "not_an_object";
    public const string UnknownType = "unknown_type";
    public const string MissingField = "missing_field";
    public const string WrongType = "wrong_type";
    public const string FrameTooLarge = "frame_too_large";
    public const string ResponseTooLarge = "response_too_large";
    public const string UnsupportedProtocol = "unsupported_protocol";
    public const string NotImplemented = "not_implemented";
    public const string NoRoom = "no_room";
    public const string Busy = "busy";
    public const string InviteCorrupt = "invite_corrupt";
    public const string InviteExpired = "invite_expired";
    public const string InviteForeign = "invite_foreign";
    public const string RoomBurned = "room_burned";
    public const string MessageTooLong = "message_too_long";
    public const string HostError = "host_error";
    public const string InviteVersion = "invite_version";
    public const string NotCreator = "not_creator";
    public const string UnknownMessage = "unknown_message";
    public const string EmptyMessage = "empty_message";
    public const string ImageUnreadable = "image_unreadable";
    public const string QrUnreadable = "qr_unreadable";
    public const string NoCall = "no_call";
    public const string CallBusy = "call_busy";
    public const string DeviceNotFound = "device_not_found";
}
