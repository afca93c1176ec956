namespace SecureLink.WebRtc.Ice;

/// <summary>ICE found no working path; <see cref="Exception.Message"/> is a sentence a person can read.</summary>
public sealed class IceFailedException : Exception
{
    public IceFailedException(string reason) : base(reason) { }
}
