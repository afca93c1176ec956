using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Protocol;
using SecureLink.Rooms.Call;
using SecureLink.Voice.Call;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Session;

/// <summary>
/// The options page's audio checks (<c>audio.test_tone</c>, <c>audio.monitor</c>) over the host's
/// call devices: which device an id names, the microphone meter and the tone, and stopping both
/// when a call takes the devices, the room is left or the host exits.
/// </summary>
public sealed class AudioChecks : IAsyncDisposable
{
    private readonly EnvironmentCallDevices _devices;
    private readonly AudioDeviceSpec _baseInput;
    private readonly AudioDeviceSpec _baseOutput;

    /// <param name="events">Where the checks' events go.</param>
    /// <param name="devices">
    /// The call devices, before any <c>audio.select</c>: their current specs are taken as the
    /// environment's, which an id from the page's list then refines (the same rule a call follows).
    /// </param>
    /// <param name="callInProgress">True while a call rings or runs.</param>
    /// <param name="log">Host log (codes only).</param>
    public AudioChecks(IEventSink events, EnvironmentCallDevices devices, Func<bool> callInProgress, ILog log)
    {
        _devices = devices;
        _baseInput = devices.CurrentInput;
        _baseOutput = devices.CurrentOutput;
        Monitor = new MicrophoneMonitor(events, callInProgress, log);
        Tone = new TestTonePlayer(events, callInProgress, log);
    }

    public MicrophoneMonitor Monitor { get; }

    public TestTonePlayer Tone { get; }

    /// <summary>True when <paramref name="rooms"/> has a call that is ringing, incoming or active.</summary>
    public static bool CallInProgress(RoomHost? rooms) => rooms?.Room?.Call is { State: not CallState.Ended };

    /// <summary>The microphone an id from <c>audio.devices</c> names; null: the one the next call would use.</summary>
    public AudioDeviceSpec Input(string? id) => id is null ? _devices.CurrentInput : Choose(id, "default").CurrentInput;

    /// <summary>The speaker an id names; null: the one the next call would use.</summary>
    public AudioDeviceSpec Output(string? id) => id is null ? _devices.CurrentOutput : Choose("default", id).CurrentOutput;

    // A scratch copy applies the page's id with exactly audio.select's rules, without changing the call's choice.
    private EnvironmentCallDevices Choose(string input, string output)
    {
        var scratch = new EnvironmentCallDevices(_baseInput, _baseOutput);
        if (!scratch.Select(input, output))
            throw new RequestException(ErrorCodes.WrongType, "The device must be an id from audio.devices, or \"default\".");
        return scratch;
    }

    /// <summary>Call devices that first stop any check (a call never shares the microphone with the meter).</summary>
    public ICallDevices Guard(ICallDevices inner) =>
        new ExclusiveCallDevices(inner, () => StopAllAsync(ErrorCodes.CallBusy).Wait(TimeSpan.FromSeconds(5)));

    /// <summary>Stops the meter and the tone, telling the page why.</summary>
    public Task StopAllAsync(string reasonCode) => Task.WhenAll(Monitor.StopAsync(reasonCode), Tone.StopAsync(reasonCode));

    public async ValueTask DisposeAsync()
    {
        await Monitor.DisposeAsync().ConfigureAwait(false);
        await Tone.DisposeAsync().ConfigureAwait(false);
    }
}
