namespace SecureLink.Rooms.Session;

/// <summary>
/// A room request that cannot be done. <see cref="Code"/> is a protocol error code
/// (<c>busy</c>, <c>no_room</c>, <c>room_burned</c>, <c>invite_expired</c>, ...);
/// <see cref="Exception.Message"/> one sentence for people, never with a PIN or text.
/// </summary>
public sealed class RoomException : Exception
{
    public RoomException(string code, string message) : base(message) => Code = code;

    public string Code { get; }
}
