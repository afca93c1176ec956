namespace SecureLink.Voice.Devices;

/// <summary>Which way an endpoint carries sound.</summary>
public enum AudioFlow
{
    /// <summary>A microphone.</summary>
    Capture,
    /// <summary>A speaker or headset.</summary>
    Render,
}

/// <summary>One active audio endpoint as the operating system names it.</summary>
/// <param name="Id">The endpoint id a device spec takes (WASAPI: <c>{0.0.1.00000000}.{guid}</c>).</param>
/// <param name="Name">The friendly name people recognise.</param>
/// <param name="IsDefault">Whether the system uses it for communications by default.</param>
public sealed record AudioEndpoint(string Id, string Name, bool IsDefault);

/// <summary>
/// The seam between the device list and the operating system's audio endpoints: on Windows
/// <see cref="WasapiEndpointSource"/> (NAudio's MMDeviceEnumerator); a fake in the tests, since
/// no Windows audio endpoint can exist on the Linux machines that run them.
/// </summary>
public interface IAudioEndpointSource
{
    /// <summary>The endpoints plugged in and enabled now; empty when the audio service does not answer.</summary>
    IReadOnlyList<AudioEndpoint> ListActive(AudioFlow flow);
}
