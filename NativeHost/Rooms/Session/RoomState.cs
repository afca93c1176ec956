namespace SecureLink.Rooms.Session;

/// <summary>Where a room is (DESIGN §4 <c>room.state</c>); <c>RoomStates.WireName</c> gives the protocol spelling.</summary>
public enum RoomState
{
    /// <summary>Creator: invite shown, waiting for the joiner's reply.</summary>
    WaitingReply,
    /// <summary>Joiner: reply shown, waiting for the creator to enter it (no ICE check from the creator yet).</summary>
    WaitingCreator,
    /// <summary>ICE, DTLS and SCTP are being set up.</summary>
    Connecting,
    /// <summary>The data channel is open and the PIN check runs.</summary>
    Authenticating,
    /// <summary>The PIN check passed; chat works.</summary>
    Verified,
    /// <summary>The room cannot go on (see the reason code).</summary>
    Failed,
    /// <summary>The room ended (a leave, ours or the peer's).</summary>
    Closed,
}

/// <summary>Which side of the room this host is.</summary>
public enum RoomRole { Creator, Joiner }

/// <summary>Protocol spellings.</summary>
public static class RoomStates
{
    public static string WireName(this RoomState state) => state switch
    {
        RoomState.WaitingReply => "waiting-reply",
        RoomState.WaitingCreator => "waiting-creator",
        RoomState.Connecting => "connecting",
        RoomState.Authenticating => "authenticating",
        RoomState.Verified => "verified",
        RoomState.Failed => "failed",
        RoomState.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string WireName(this RoomRole role) => role == RoomRole.Creator ? "creator" : "joiner";

    /// <summary>True for states nothing leaves.</summary>
    public static bool IsFinal(this RoomState state) => state is RoomState.Failed or RoomState.Closed;
}
