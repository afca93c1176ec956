using NAudio.Wave;
using SecureLink.Voice.Devices;

namespace SecureLink.Voice.Call;

/// <summary>Opens the capture or playback device a <see cref="AudioDeviceSpec"/> names.</summary>
public static class AudioDevices
{
    /// <summary>
    /// A microphone. Pulse connects when recording starts (errors then name server and reason);
    /// WASAPI opens the endpoint now (<see cref="AudioDeviceUnavailableException"/> when it is not
    /// there, or on any other system than Windows); a WAV file must exist now and is checked when
    /// recording starts.
    /// </summary>
    public static IWaveIn OpenCapture(AudioDeviceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            AudioDeviceKind.Pulse => new PulseAudioCapture(spec.Server, spec.Device),
            AudioDeviceKind.Wasapi when OperatingSystem.IsWindows() => WasapiDevices.OpenCapture(spec.Device),
            AudioDeviceKind.Wasapi => throw NotWindows(),
            AudioDeviceKind.Wav when File.Exists(spec.Path) => new WavFileCapture(spec.Path!, realTime: true),
            AudioDeviceKind.Wav => throw new FileNotFoundException($"audio input file {spec.Path} does not exist", spec.Path),
            _ => new NullCapture(realTime: true),
        };
    }

    /// <summary>A speaker. A WAV file is created (overwritten) when playback starts; its folder must exist now.</summary>
    public static IWavePlayer OpenPlayback(AudioDeviceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            AudioDeviceKind.Pulse => new PulseAudioPlayback(spec.Server, spec.Device),
            AudioDeviceKind.Wasapi when OperatingSystem.IsWindows() => WasapiDevices.OpenPlayback(spec.Device),
            AudioDeviceKind.Wasapi => throw NotWindows(),
            AudioDeviceKind.Wav => new WavFileRecorder(RequireFolder(spec.Path!), realTime: true),
            _ => new NullPlayback(realTime: true),
        };
    }

    private static AudioDeviceUnavailableException NotWindows() =>
        new("WASAPI devices exist only on Windows; use pulse, wav:/path.wav or null here");

    private static string RequireFolder(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (Directory.Exists(full)) throw new IOException($"audio output {path} is a folder, not a file");
        if (dir is null || !Directory.Exists(dir)) throw new DirectoryNotFoundException($"the folder of audio output {path} does not exist");
        return full;
    }
}
