namespace SecureLink.WebRtc.Stun;

/// <summary>Raised by <see cref="StunMessage.Parse"/> for bytes that are not a well-formed STUN message.</summary>
public sealed class StunFormatException : FormatException
{
    public StunFormatException(string message) : base(message) { }
}
