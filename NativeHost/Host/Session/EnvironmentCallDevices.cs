using NAudio.Wave;
using SecureLink.Rooms.Call;
using SecureLink.Voice.Call;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Session;

/// <summary>
/// The call devices named by SECURELINK_AUDIO_IN / SECURELINK_AUDIO_OUT (docs/protocol.md §7):
/// <c>pulse</c> (the default), <c>pulse:DEVICE[@SERVER]</c>, <c>wav:/path.wav</c>, <c>null</c>.
/// Read once at start; a value that does not parse is logged (never echoed: a path may be private)
/// and the default is used, so a typo costs a call its chosen device, not the host.
/// </summary>
public sealed class EnvironmentCallDevices : ICallDevices
{
    public const string InputVariable = "SECURELINK_AUDIO_IN";
    public const string OutputVariable = "SECURELINK_AUDIO_OUT";

    private readonly AudioDeviceSpec _input;
    private readonly AudioDeviceSpec _output;

    public EnvironmentCallDevices(AudioDeviceSpec input, AudioDeviceSpec output)
    {
        _input = input;
        _output = output;
    }

    public static EnvironmentCallDevices FromEnvironment(Func<string, string?> read, ILog log) =>
        new(Spec(read, InputVariable, log), Spec(read, OutputVariable, log));

    public IWaveIn OpenCapture() => AudioDevices.OpenCapture(_input);

    public IWavePlayer OpenPlayback() => AudioDevices.OpenPlayback(_output);

    private static AudioDeviceSpec Spec(Func<string, string?> read, string name, ILog log)
    {
        var value = read(name);
        if (string.IsNullOrWhiteSpace(value)) return AudioDeviceSpec.Default;
        if (AudioDeviceSpec.TryParse(value, out var spec, out _)) return spec;
        if (log.IsEnabled(LogLevel.Error)) log.Write(LogLevel.Error, "call", $"{name} is not a device this host understands; using the default");
        return AudioDeviceSpec.Default;
    }
}
