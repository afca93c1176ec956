using NAudio.Wave;
using SecureLink.Rooms.Call;
using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Session;

/// <summary>
/// The call devices named by SECURELINK_AUDIO_IN / SECURELINK_AUDIO_OUT (docs/protocol.md §7):
/// the platform's own by default (<c>wasapi</c> on Windows, <c>pulse</c> elsewhere),
/// <c>pulse:DEVICE[@SERVER]</c>, <c>wasapi:ENDPOINT-ID</c>, <c>wav:/path.wav</c>, <c>null</c>.
/// Read once at start; a value that does not parse is logged (never echoed: a path may be private)
/// and the default is used, so a typo costs a call its chosen device, not the host.
/// The options page may then pick a microphone and speaker (<c>audio.select</c>) from the same
/// list on both platforms (<see cref="AudioDeviceChoice"/>); the choice lives in memory only and
/// applies from the next call, which falls back to the default when the chosen device is gone.
/// A variable naming a WAV file or <c>null</c> is a deliberate override and wins over any choice.
/// </summary>
public sealed class EnvironmentCallDevices : ICallDevices
{
    public const string InputVariable = "SECURELINK_AUDIO_IN";
    public const string OutputVariable = "SECURELINK_AUDIO_OUT";

    private readonly ILog _log;

    /// <param name="input">The microphone the environment named.</param>
    /// <param name="output">The speaker the environment named.</param>
    /// <param name="endpoints">Windows endpoints (tests pass a fake); null: the real ones on Windows.</param>
    /// <param name="log">Where a fallback to the default is noted (info).</param>
    public EnvironmentCallDevices(AudioDeviceSpec input, AudioDeviceSpec output, IAudioEndpointSource? endpoints = null, ILog? log = null)
    {
        Input = new AudioDeviceChoice(input, AudioFlow.Capture, AudioDeviceCatalog.For(input, endpoints));
        Output = new AudioDeviceChoice(output, AudioFlow.Render, AudioDeviceCatalog.For(output, endpoints));
        _log = log ?? NullLog.Instance;
    }

    /// <summary>The microphone side: the environment's spec and the options page's choice.</summary>
    public AudioDeviceChoice Input { get; }

    /// <summary>The speaker side.</summary>
    public AudioDeviceChoice Output { get; }

    /// <summary>
    /// Checks both ids (from <c>audio.devices</c>, or "default") and, unless one is
    /// <see cref="AudioChoiceOutcome.Invalid"/>, records both: a missing device is kept too, and
    /// calls use the default until it is back.
    /// </summary>
    public async Task<(AudioChoiceOutcome Input, AudioChoiceOutcome Output)> SelectAsync(string input, string output, CancellationToken ct)
    {
        // Both ids are screened before either side lists its devices: a bad id costs no pactl run.
        if (!AudioDeviceSpec.IsValidDeviceId(input) || !AudioDeviceSpec.IsValidDeviceId(output))
            return (Screen(input), Screen(output));
        var i = await Input.CheckAsync(input, ct).ConfigureAwait(false);
        var o = await Output.CheckAsync(output, ct).ConfigureAwait(false);
        Input.Choose(input);
        Output.Choose(output);
        return (i, o);
    }

    private static AudioChoiceOutcome Screen(string id) =>
        AudioDeviceSpec.IsValidDeviceId(id) ? AudioChoiceOutcome.Chosen : AudioChoiceOutcome.Invalid;

    public static EnvironmentCallDevices FromEnvironment(Func<string, string?> read, ILog log) =>
        new(Spec(read, InputVariable, log), Spec(read, OutputVariable, log), log: log);

    public IWaveIn OpenCapture() => AudioDevices.OpenCapture(Resolve(Input, "microphone"));

    public IWavePlayer OpenPlayback() => AudioDevices.OpenPlayback(Resolve(Output, "speaker"));

    private AudioDeviceSpec Resolve(AudioDeviceChoice side, string what)
    {
        // Devices open on the call's own start task (CallMedia runs it on the pool), so waiting for
        // the list here holds up no request; it is asked only when a device was chosen.
        var (spec, fellBack) = side.ResolveAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (fellBack && _log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, "call", $"the chosen {what} is not connected; using the default");
        return spec;
    }

    private static AudioDeviceSpec Spec(Func<string, string?> read, string name, ILog log)
    {
        var value = read(name);
        if (string.IsNullOrWhiteSpace(value)) return AudioDeviceSpec.Default;
        if (AudioDeviceSpec.TryParse(value, out var spec, out _)) return spec;
        if (log.IsEnabled(LogLevel.Error)) log.Write(LogLevel.Error, "call", $"{name} is not a device this host understands; using the default");
        return AudioDeviceSpec.Default;
    }
}
