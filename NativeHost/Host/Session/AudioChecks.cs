using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Protocol;
using SecureLink.Rooms.Call;
using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;
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

    /// <param name="events">Where the checks' events go.</param>
    /// <param name="devices">The call devices: the environment's specs and the page's choice.</param>
    /// <param name="callInProgress">True while a call rings or runs.</param>
    /// <param name="log">Host log (codes only).</param>
    public AudioChecks(IEventSink events, EnvironmentCallDevices devices, Func<bool> callInProgress, ILog log)
    {
        _devices = devices;
        Monitor = new MicrophoneMonitor(events, callInProgress, log);
        Tone = new TestTonePlayer(events, callInProgress, log);
    }

    public MicrophoneMonitor Monitor { get; }

    public TestTonePlayer Tone { get; }

    /// <summary>True when <paramref name="rooms"/> has a call that is ringing, incoming or active.</summary>
    public static bool CallInProgress(RoomHost? rooms) => rooms?.Room?.Call is { State: not CallState.Ended };

    /// <summary>The microphone an id from <c>audio.devices</c> names; null: the one the next call would open.</summary>
    public Task<AudioDeviceSpec> InputAsync(string? id, CancellationToken ct) => SpecAsync(_devices.Input, id, ct);

    /// <summary>The speaker an id names; null: the one the next call would open.</summary>
    public Task<AudioDeviceSpec> OutputAsync(string? id, CancellationToken ct) => SpecAsync(_devices.Output, id, ct);

    // The page's id refines the environment's spec as a call's choice does, without becoming the
    // call's choice. It is not checked against the list: a device that is not there fails to open,
    // and that is what the person testing it needs to hear.
    private static async Task<AudioDeviceSpec> SpecAsync(AudioDeviceChoice side, string? id, CancellationToken ct)
    {
        if (id is null) return (await side.ResolveAsync(ct).ConfigureAwait(false)).Spec;
        if (!AudioDeviceSpec.IsValidDeviceId(id))
            throw new RequestException(ErrorCodes.WrongType, "The device must be an id from audio.devices, or \"default\".");
        return id == "default" || !side.IsSelectable ? side.Environment : side.Environment with { Device = id };
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
