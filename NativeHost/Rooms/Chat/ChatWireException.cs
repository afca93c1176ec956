namespace SecureLink.Rooms.Chat;

/// <summary>
/// A frame that is not a valid chat frame. The only exception <see cref="ChatWire.Decode"/>
/// throws; <see cref="Code"/> is one of the wire codes in <see cref="ChatErrorCodes"/>.
/// Never fatal to a session: the frame is dropped and counted.
/// </summary>
public sealed class ChatWireException : Exception
{
    public ChatWireException(string code, string message) : base(message) => Code = code;

    /// <summary>Stable snake_case code, e.g. <c>truncated</c>, <c>unknown_kind</c>.</summary>
    public string Code { get; }
}
