namespace SecureLink.Rooms.Session;

/// <summary>The stable <c>reasonCode</c> values of failed / closed states (DESIGN §4), each with its sentence for people.</summary>
public static class RoomReasons
{
    public const string PeerLeft = "peer_left";
    public const string PeerUnreachable = "peer_unreachable";
    public const string WrongPin = "wrong_pin";
    public const string RoomBurned = "room_burned";
    public const string InviteExpired = "invite_expired";
    public const string FingerprintMismatch = "fingerprint_mismatch";
    public const string IceFailed = "ice_failed";
    public const string NoDirectPath = "no_direct_path";
    public const string HostError = "host_error";
    /// <summary>Our own leave (the leaver's last state; its views then show no room).</summary>
    public const string Left = "left";

    /// <summary>One sentence for each code.</summary>
    public static string Sentence(string code) => code switch
    {
        PeerLeft => "The other person left the room.",
        PeerUnreachable => "The other person can no longer be reached.",
        WrongPin => "The PIN did not match.",
        RoomBurned => "Three wrong PINs were tried; this room is closed. Start a new room.",
        InviteExpired => "The invite expired before the room was set up.",
        FingerprintMismatch => "The other side's security certificate does not match its code; someone may be in the middle.",
        IceFailed => "No network path to the other person worked.",
        NoDirectPath => "No direct path exists between you (both networks block hole punching) and this app never relays traffic; try with one of you on another network, or on the same network with an offline room.",
        Left => "You left the room.",
        _ => "Something went wrong in the host.",
    };
}
