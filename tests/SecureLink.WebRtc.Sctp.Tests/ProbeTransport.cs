using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp.Tests;

/// <summary>Wraps a transport to count what is sent, to silence it, or to rewrite outgoing datagrams.</summary>
internal sealed class ProbeTransport(IDatagramTransport inner) : IDatagramTransport
{
    private long _sent;
    public long Sent => Interlocked.Read(ref _sent);
    public volatile bool Muted;
    public Func<byte[], byte[]?>? Rewrite { get; set; }
    public int MaxDatagramSize => inner.MaxDatagramSize;

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _sent);
        if (Muted) return ValueTask.CompletedTask;
        if (Rewrite is { } rewrite)
        {
            var changed = rewrite(datagram.ToArray());
            return changed is null ? ValueTask.CompletedTask : inner.SendAsync(changed, cancellationToken);
        }
        return inner.SendAsync(datagram, cancellationToken);
    }

    /// <summary>Sends raw bytes as if the wrapped endpoint had sent them (for injecting garbage).</summary>
    public ValueTask InjectAsync(byte[] datagram) => inner.SendAsync(datagram);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReceiveAsync(buffer, cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
