namespace SecureLink.Voice.Devices;

/// <summary>PulseAudio could not be reached or refused a stream; the message says which and why.</summary>
public sealed class PulseAudioException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PulseAudioException(string message, Exception? inner = null) : base(message, inner) { }
}
