namespace SecureLink.Rooms.Pake;

/// <summary>Which end of the room this side is. The creator drew the PIN and keeps the attempt counter.</summary>
public enum PakeRole
{
    /// <summary>Made the invite and the PIN; verifies the joiner's confirmation first.</summary>
    Creator,

    /// <summary>Pasted or scanned the invite and typed the PIN.</summary>
    Joiner,
}
