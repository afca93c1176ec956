namespace SecureLink.Rooms.Pake;

/// <summary>
/// The one exception <see cref="PinAuthenticator.RunAsync"/> throws for anything the peer or the
/// channel did. <see cref="Exception.Message"/> is one sentence for people and never contains
/// key material, PIN digits or message bytes.
/// </summary>
public sealed class PakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PakeException(PakeFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>What went wrong; decides whether an attempt was consumed.</summary>
    public PakeFailure Failure { get; }

    internal static PakeException Protocol(string message, Exception? inner = null) =>
        new(PakeFailure.ProtocolError, message, inner);
}
