namespace SecureLink.Rooms.Call;

/// <summary>
/// A call request that cannot be done now. <see cref="Code"/> is a protocol error code:
/// <c>no_call</c> (nothing to accept, decline, hang up or mute) or <c>call_busy</c> (a call is
/// already ringing or running); the message is one sentence for people.
/// </summary>
public sealed class CallException : Exception
{
    public const string NoCall = "no_call";
    public const string Busy = "call_busy";
    public const string NoRoom = "no_room";

    public CallException(string code, string message) : base(message) => Code = code;

    public string Code { get; }
}
