namespace SecureLink.Voice.Devices;

/// <summary>A device that cannot be had at all (not present, not on this platform); the message is a sentence for people.</summary>
public sealed class AudioDeviceUnavailableException : Exception
{
    public AudioDeviceUnavailableException(string message) : base(message) { }

    public AudioDeviceUnavailableException(string message, Exception inner) : base(message, inner) { }
}
