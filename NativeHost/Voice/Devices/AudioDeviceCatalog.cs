using SecureLink.Voice.Call;

namespace SecureLink.Voice.Devices;

/// <summary>Where the devices of one kind of spec are listed: the one listing path for Linux and Windows.</summary>
public interface IAudioDeviceCatalog
{
    /// <summary>The microphones or speakers there are now; empty when the list cannot be had (then nothing can be checked).</summary>
    Task<IReadOnlyList<AudioDeviceInfo>> ListAsync(AudioFlow flow, CancellationToken ct);
}

/// <summary>The catalog that goes with a spec's kind.</summary>
public static class AudioDeviceCatalog
{
    /// <summary>Lists nothing: WAV files and the null device have no choices.</summary>
    public static IAudioDeviceCatalog None { get; } = new NoDevices();

    /// <param name="spec">The device the environment named.</param>
    /// <param name="endpoints">The Windows endpoints (tests pass a fake); null: the real ones on Windows, none elsewhere.</param>
    public static IAudioDeviceCatalog For(AudioDeviceSpec spec, IAudioEndpointSource? endpoints = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            AudioDeviceKind.Pulse => new PulseCatalog(spec.Server),
            AudioDeviceKind.Wasapi when endpoints is not null => new EndpointCatalog(endpoints),
            AudioDeviceKind.Wasapi when OperatingSystem.IsWindows() => new EndpointCatalog(new WasapiEndpointSource()),
            _ => None,
        };
    }

    private sealed class NoDevices : IAudioDeviceCatalog
    {
        public Task<IReadOnlyList<AudioDeviceInfo>> ListAsync(AudioFlow flow, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<AudioDeviceInfo>>([]);
    }

    private sealed class PulseCatalog(string? server) : IAudioDeviceCatalog
    {
        public Task<IReadOnlyList<AudioDeviceInfo>> ListAsync(AudioFlow flow, CancellationToken ct) =>
            PulseAudioDeviceList.ListAsync(server, flow, ct);
    }

    /// <summary>
    /// Endpoints in the shape Pulse devices have, the system's default first (what people expect
    /// at the top of a list); ids a spec cannot hold are left out, as for Pulse.
    /// </summary>
    private sealed class EndpointCatalog(IAudioEndpointSource endpoints) : IAudioDeviceCatalog
    {
        public Task<IReadOnlyList<AudioDeviceInfo>> ListAsync(AudioFlow flow, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            IReadOnlyList<AudioDeviceInfo> list =
            [
                .. endpoints.ListActive(flow)
                    .Where(e => AudioDeviceSpec.IsValidDeviceId(e.Id))
                    .OrderByDescending(e => e.IsDefault)
                    .Select(e => new AudioDeviceInfo(e.Id, string.IsNullOrWhiteSpace(e.Name) ? e.Id : e.Name)),
            ];
            return Task.FromResult(list);
        }
    }
}
