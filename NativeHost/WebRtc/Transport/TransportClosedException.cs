namespace SecureLink.WebRtc.Transport;

/// <summary>Raised by a send or receive on a transport that is closed.</summary>
public sealed class TransportClosedException : Exception
{
    public TransportClosedException() : base("The transport is closed.") { }
    public TransportClosedException(string message) : base(message) { }
    public TransportClosedException(string message, Exception inner) : base(message, inner) { }
}
