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
/// The options page may then pick a Pulse source and sink (<c>audio.select</c>); the choice lives
/// in memory only and applies from the next call. A variable naming a WAV file or <c>null</c> is a
/// deliberate override (tests, interop) and wins over any choice.
/// </summary>
public sealed class EnvironmentCallDevices : ICallDevices
{
    public const string InputVariable = "SECURELINK_AUDIO_IN";
    public const string OutputVariable = "SECURELINK_AUDIO_OUT";

    private readonly AudioDeviceSpec _baseInput;
    private readonly AudioDeviceSpec _baseOutput;
    private volatile AudioDeviceSpec _input;
    private volatile AudioDeviceSpec _output;

    public EnvironmentCallDevices(AudioDeviceSpec input, AudioDeviceSpec output)
    {
        _baseInput = _input = input;
        _baseOutput = _output = output;
    }

    /// <summary>The input the next call opens.</summary>
    public AudioDeviceSpec CurrentInput => _input;

    /// <summary>The output the next call opens.</summary>
    public AudioDeviceSpec CurrentOutput => _output;

    /// <summary>The Pulse server to list devices on (null: the user's own).</summary>
    public string? PulseServer => _baseInput.Kind == AudioDeviceKind.Pulse ? _baseInput.Server : null;

    /// <summary>
    /// Chooses the Pulse devices of later calls by their ids from <c>audio.devices</c>;
    /// <c>"default"</c> goes back to what the environment said. Returns false for an id no spec can hold.
    /// </summary>
    public bool Select(string input, string output)
    {
        if (!TryChoose(_baseInput, input, out var i) || !TryChoose(_baseOutput, output, out var o)) return false;
        _input = i;
        _output = o;
        return true;
    }

    private static bool TryChoose(AudioDeviceSpec baseline, string id, out AudioDeviceSpec spec)
    {
        spec = baseline;
        if (id.Length is 0 or > 256 || id.Contains('@') || id.Any(char.IsControl)) return false;
        if (id == "default" || baseline.Kind != AudioDeviceKind.Pulse) return true;
        spec = baseline with { Device = id };
        return true;
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
