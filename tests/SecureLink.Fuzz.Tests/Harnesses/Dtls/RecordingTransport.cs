using SecureLink.WebRtc.Transport;

namespace SecureLink.Fuzz.Tests.Harnesses.Dtls;

/// <summary>Passes everything through and keeps a copy of each datagram sent (for seeds), and lets a
/// harness push extra datagrams into the receive side as if they came off the wire.</summary>
internal sealed class RecordingTransport : IDatagramTransport
{
    private readonly IDatagramTransport _inner;
    private readonly DatagramQueue _inbox = new(4096);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private bool _record = true;

    public RecordingTransport(IDatagramTransport inner)
    {
        _inner = inner;
        _ = Task.Run(PumpAsync);
    }

    public List<byte[]> Sent { get; } = [];

    public int MaxDatagramSize => _inner.MaxDatagramSize;

    /// <summary>Stops keeping copies (a long-lived fuzzing session would otherwise grow without end).</summary>
    public void StopRecording()
    {
        lock (_gate) _record = false;
    }

    /// <summary>Delivers <paramref name="datagram"/> to our reader ahead of anything the peer sends later.</summary>
    public void Inject(ReadOnlySpan<byte> datagram) => _inbox.Enqueue(datagram);

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (_record) Sent.Add(datagram.ToArray());
        return _inner.SendAsync(datagram, cancellationToken);
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inbox.DequeueAsync(buffer, cancellationToken);

    private async Task PumpAsync()
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var n = await _inner.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                _inbox.Enqueue(buffer.AsSpan(0, n));
            }
        }
        catch (Exception e) when (e is TransportClosedException or OperationCanceledException)
        {
            _inbox.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _inbox.Close();
        await _inner.DisposeAsync().ConfigureAwait(false);
    }
}
