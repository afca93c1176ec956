namespace SecureLink.WebRtc.Stun;

/// <summary>A STUN transaction got no answer after every retransmission.</summary>
public sealed class StunTimeoutException : TimeoutException
{
    public StunTimeoutException(string message) : base(message) { }
}
