using SecureLink.Voice.Call;

namespace SecureLink.Voice.Devices;

/// <summary>What became of a device choice.</summary>
public enum AudioChoiceOutcome
{
    /// <summary>Chosen (or "default"), or the list could not be had to check it against.</summary>
    Chosen,
    /// <summary>The spec is a WAV file or null: a deliberate override that no choice changes.</summary>
    Overridden,
    /// <summary>Not among the devices there are now: kept, and calls use the default until it is back.</summary>
    Missing,
    /// <summary>Not an id any spec can hold (empty, too long, spaces, control characters or '@').</summary>
    Invalid,
}

/// <summary>
/// One side (microphone or speaker) of the host's device choice, the same on every platform: the
/// spec the environment named, refined by an id the options page chose from the catalog's list.
/// A chosen device that is not there — never was, or was unplugged since — leaves the environment's
/// device (normally the system default) in use; the choice is kept, so plugging the device back in
/// makes the next call use it again. Thread-safe: requests and calls may run concurrently.
/// </summary>
public sealed class AudioDeviceChoice
{
    private readonly IAudioDeviceCatalog _catalog;
    private readonly AudioFlow _flow;
    private volatile string? _chosen;

    public AudioDeviceChoice(AudioDeviceSpec environment, AudioFlow flow, IAudioDeviceCatalog catalog)
    {
        Environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _flow = flow;
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    }

    /// <summary>The spec the host started with.</summary>
    public AudioDeviceSpec Environment { get; }

    /// <summary>The chosen id, or null for the environment's device.</summary>
    public string? Chosen => _chosen;

    /// <summary>Whether a choice applies at all: only Pulse and WASAPI devices can be chosen.</summary>
    public bool IsSelectable => Environment.Kind is AudioDeviceKind.Pulse or AudioDeviceKind.Wasapi;

    /// <summary>The devices to offer (empty for WAV and null, or when the list cannot be had).</summary>
    public Task<IReadOnlyList<AudioDeviceInfo>> ListAsync(CancellationToken ct) => _catalog.ListAsync(_flow, ct);

    /// <summary>Checks <paramref name="id"/> (an id from the list, or "default") without choosing it.</summary>
    public async Task<AudioChoiceOutcome> CheckAsync(string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!AudioDeviceSpec.IsValidDeviceId(id)) return AudioChoiceOutcome.Invalid;
        if (!IsSelectable) return AudioChoiceOutcome.Overridden;
        if (id == "default") return AudioChoiceOutcome.Chosen;
        return await IsPresentAsync(id, ct).ConfigureAwait(false) ? AudioChoiceOutcome.Chosen : AudioChoiceOutcome.Missing;
    }

    /// <summary>Records a checked id (an <see cref="AudioChoiceOutcome.Invalid"/> one must not come here).</summary>
    public void Choose(string id)
    {
        if (!AudioDeviceSpec.IsValidDeviceId(id)) throw new ArgumentException("not a device id", nameof(id));
        _chosen = id == "default" ? null : id;
    }

    /// <summary>
    /// The spec a call opens now: the chosen device when it is there (or cannot be checked), else the
    /// environment's. FellBack says the chosen device was missing.
    /// </summary>
    public async Task<(AudioDeviceSpec Spec, bool FellBack)> ResolveAsync(CancellationToken ct)
    {
        var chosen = _chosen;
        if (chosen is null || !IsSelectable) return (Environment, false);
        return await IsPresentAsync(chosen, ct).ConfigureAwait(false)
            ? (Environment with { Device = chosen }, false)
            : (Environment, true);
    }

    private async Task<bool> IsPresentAsync(string id, CancellationToken ct)
    {
        var list = await _catalog.ListAsync(_flow, ct).ConfigureAwait(false);
        return list.Count == 0 || list.Any(d => d.Id == id);
    }
}
