namespace SecureLink.Rooms.Call;

/// <summary>The stable <c>reasonCode</c> values of an ended call (docs/protocol.md), each with its sentence for people.</summary>
public static class CallReasons
{
    /// <summary>We hung up (or cancelled our own call before it was answered).</summary>
    public const string HungUp = "hung_up";
    /// <summary>The peer hung up (also: the peer stopped calling before we answered).</summary>
    public const string PeerHungUp = "peer_hung_up";
    /// <summary>We declined the peer's call.</summary>
    public const string Declined = "declined";
    /// <summary>The peer declined our call.</summary>
    public const string PeerDeclined = "peer_declined";
    /// <summary>Nobody answered within the ring timeout (60 s).</summary>
    public const string NoAnswer = "no_answer";
    /// <summary>The peer left the room.</summary>
    public const string PeerLeft = "peer_left";
    /// <summary>The connection to the peer was lost.</summary>
    public const string PeerUnreachable = "peer_unreachable";
    /// <summary>Our audio could not be started at all.</summary>
    public const string DeviceError = "device_error";
    /// <summary>The host failed internally.</summary>
    public const string HostError = "host_error";

    /// <summary>One sentence for each code.</summary>
    public static string Sentence(string code) => code switch
    {
        HungUp => "You ended the call.",
        PeerHungUp => "The other person ended the call.",
        Declined => "You declined the call.",
        PeerDeclined => "The other person declined the call.",
        NoAnswer => "Nobody answered the call.",
        PeerLeft => "The other person left the room.",
        PeerUnreachable => "The connection to the other person was lost.",
        DeviceError => "The microphone or speaker could not be started.",
        _ => "Something went wrong in the host.",
    };
}
