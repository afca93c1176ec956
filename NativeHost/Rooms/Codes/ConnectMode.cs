namespace SecureLink.Rooms.Codes;

/// <summary>How the two hosts find each other (DESIGN.md §3, "two ways to connect").</summary>
public enum ConnectMode
{
    /// <summary>Model A: host candidates only, no STUN server; nothing goes to a third party.</summary>
    Offline,

    /// <summary>Model B: a STUN server adds server-reflexive candidates for hole punching (never TURN).</summary>
    Internet,
}
