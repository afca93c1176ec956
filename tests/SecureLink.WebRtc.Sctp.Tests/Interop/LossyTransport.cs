using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp.Tests.Interop;

/// <summary>Drops a share of datagrams in both directions (seeded), in front of a real transport.</summary>
internal sealed class LossyTransport(IDatagramTransport inner, double lossRate, int seed) : IDatagramTransport
{
    private readonly Random _random = new(seed);
    private readonly object _gate = new();
    public int MaxDatagramSize => inner.MaxDatagramSize;

    private bool Drop()
    {
        lock (_gate) return _random.NextDouble() < lossRate;
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default) =>
        Drop() ? ValueTask.CompletedTask : inner.SendAsync(datagram, cancellationToken);

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var n = await inner.ReceiveAsync(buffer, cancellationToken);
            if (!Drop()) return n;
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
