using System.Threading.Channels;

namespace SecureLink.WebRtc.Transport;

/// <summary>
/// The receive side that most transports need: the layer below pushes datagrams in
/// (from its own loop), the layer above pulls them out. Bounded, and drops the
/// newest datagram when full, because a datagram transport may lose packets but
/// must never let a flood from the network grow memory without limit.
/// </summary>
public sealed class DatagramQueue
{
    private readonly Channel<byte[]> _channel;

    public DatagramQueue(int capacity = 1024)
    {
        _channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Number of datagrams dropped because the queue was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Queues a copy of <paramref name="datagram"/>; returns false if closed or full.</summary>
    public bool Enqueue(ReadOnlySpan<byte> datagram) => EnqueueOwned(datagram.ToArray());

    /// <summary>Queues <paramref name="datagram"/> without copying: the caller gives it up.</summary>
    public bool EnqueueOwned(byte[] datagram)
    {
        if (_channel.Writer.TryWrite(datagram)) return true;
        if (!_channel.Reader.Completion.IsCompleted) Dropped++;
        return false;
    }

    /// <summary>Waits for the next datagram, copies it into <paramref name="buffer"/>
    /// (truncating) and returns its length.</summary>
    public async ValueTask<int> DequeueAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            var datagram = await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var n = Math.Min(datagram.Length, buffer.Length);
            datagram.AsSpan(0, n).CopyTo(buffer.Span);
            return n;
        }
        catch (ChannelClosedException e)
        {
            throw new TransportClosedException("The transport is closed.", e);
        }
    }

    /// <summary>Waits for the next datagram and hands over the buffer itself.</summary>
    public async ValueTask<byte[]> DequeueOwnedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new TransportClosedException("The transport is closed.", e);
        }
    }

    /// <summary>Non-blocking poll, for synchronous adapters (BouncyCastle's DatagramTransport).</summary>
    public bool TryDequeue(out byte[] datagram) => _channel.Reader.TryRead(out datagram!);

    /// <summary>Waits until a datagram is available or the queue closes; false when closed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>True once <see cref="Close"/> was called and every queued datagram was read.</summary>
    public bool IsClosed => _channel.Reader.Completion.IsCompleted;

    /// <summary>Wakes every waiting reader with <see cref="TransportClosedException"/>.</summary>
    public void Close() => _channel.Writer.TryComplete();
}
