namespace SecureLink.WebRtc.Transport;

/// <summary>
/// Two connected in-memory <see cref="IDatagramTransport"/> endpoints. Each direction
/// applies its own <see cref="PipeImpairment"/>; closing either end closes both,
/// as a dead link would.
/// </summary>
public static class DatagramPipe
{
    /// <summary>Creates a pair; <paramref name="aToB"/> impairs what A sends, <paramref name="bToA"/> what B sends.</summary>
    public static (IDatagramTransport A, IDatagramTransport B) Create(
        PipeImpairment? aToB = null, PipeImpairment? bToA = null, int maxDatagramSize = 1200)
    {
        var a = new PipeEndpoint(maxDatagramSize, aToB ?? PipeImpairment.None);
        var b = new PipeEndpoint(maxDatagramSize, bToA ?? PipeImpairment.None);
        a.Peer = b;
        b.Peer = a;
        return (a, b);
    }

    private sealed class PipeEndpoint(int maxDatagramSize, PipeImpairment impairment) : IDatagramTransport
    {
        private readonly DatagramQueue _inbox = new(4096);
        private readonly Random _random = new(impairment.Seed);
        private readonly object _gate = new();
        private byte[]? _heldBack;
        private volatile bool _closed;

        public PipeEndpoint? Peer { get; set; }
        public int MaxDatagramSize => maxDatagramSize;

        public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
        {
            if (_closed) throw new TransportClosedException();
            cancellationToken.ThrowIfCancellationRequested();
            var copy = datagram.ToArray();
            lock (_gate)
            {
                if (_random.NextDouble() < impairment.LossRate) return ValueTask.CompletedTask;
                var duplicate = _random.NextDouble() < impairment.DuplicateRate;
                if (_heldBack is null && _random.NextDouble() < impairment.ReorderRate)
                {
                    _heldBack = copy;
                    return ValueTask.CompletedTask;
                }
                Deliver(copy);
                if (duplicate) Deliver(copy);
                if (_heldBack is { } held)
                {
                    _heldBack = null;
                    Deliver(held);
                }
            }
            return ValueTask.CompletedTask;
        }

        private void Deliver(byte[] datagram)
        {
            var peer = Peer;
            if (peer is null) return;
            var delay = impairment.Delay;
            if (impairment.Jitter > TimeSpan.Zero)
                delay += TimeSpan.FromTicks((long)(_random.NextDouble() * impairment.Jitter.Ticks));
            if (delay <= TimeSpan.Zero)
            {
                peer._inbox.EnqueueOwned(datagram);
                return;
            }
            _ = Task.Delay(delay).ContinueWith(_ => peer._inbox.EnqueueOwned(datagram), TaskScheduler.Default);
        }

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inbox.DequeueAsync(buffer, cancellationToken);

        public ValueTask DisposeAsync()
        {
            Close();
            Peer?.Close();
            return ValueTask.CompletedTask;
        }

        private void Close()
        {
            _closed = true;
            _inbox.Close();
        }
    }
}
