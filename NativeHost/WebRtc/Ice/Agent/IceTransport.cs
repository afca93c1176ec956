using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// What <see cref="IceAgent.ConnectAsync"/> returns: the selected pair as a datagram transport.
/// Receives every non-STUN datagram from the selected (or another working) pair; sends go to
/// whatever pair is selected at that moment, so it stays valid when ICE switches pair.
/// Disposing it disposes the agent (the layer above owns the layer below).
/// </summary>
internal sealed class IceTransport(IceAgent agent) : IDatagramTransport
{
    /// <summary>
    /// The payload size we promise fits the path without IP fragmentation: 1200 bytes is what
    /// WebRTC stacks assume (IPv6 minimum MTU 1280 minus IPv6/UDP headers and TURN/VPN slack).
    /// Larger datagrams are still sent (the OS may fragment them); only the caller's budget is 1200.
    /// </summary>
    public const int PathMtuPayload = 1200;

    private readonly DatagramQueue _queue = new(1024);
    private volatile bool _closed;

    public int MaxDatagramSize => PathMtuPayload;

    public long QueueDropped => _queue.Dropped;

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_closed) throw new TransportClosedException("The ICE connection is closed.");
        var pair = agent.SelectedPair ?? throw new TransportClosedException("The ICE connection has no selected path.");
        pair.Local.Send(datagram.Span, pair.RemoteEndPoint);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _queue.DequeueAsync(buffer, cancellationToken);

    internal void Deliver(byte[] datagram)
    {
        if (!_closed) _queue.EnqueueOwned(datagram);
    }

    internal void Close()
    {
        _closed = true;
        _queue.Close();
    }

    public ValueTask DisposeAsync() => agent.DisposeAsync();
}
