using SecureLink.Voice.Devices;

namespace SecureLink.Host.Tests.Audio;

/// <summary>
/// Windows audio endpoints, which cannot exist on the Linux test machines: the one fake of the
/// device path. Plug and unplug change what the next listing returns, as Windows does.
/// </summary>
internal sealed class FakeEndpoints : IAudioEndpointSource
{
    private readonly Lock _gate = new();
    private readonly List<(AudioFlow Flow, AudioEndpoint Endpoint)> _endpoints = [];

    public int Listings { get; private set; }

    public FakeEndpoints Plug(AudioFlow flow, string id, string name, bool isDefault = false)
    {
        lock (_gate) _endpoints.Add((flow, new AudioEndpoint(id, name, isDefault)));
        return this;
    }

    public void Unplug(string id)
    {
        lock (_gate) _endpoints.RemoveAll(e => e.Endpoint.Id == id);
    }

    public IReadOnlyList<AudioEndpoint> ListActive(AudioFlow flow)
    {
        lock (_gate)
        {
            Listings++;
            return [.. _endpoints.Where(e => e.Flow == flow).Select(e => e.Endpoint)];
        }
    }
}
