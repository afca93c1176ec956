using SecureLink.WebRtc.Transport;

namespace SecureLink.Fuzz.Tests.Harnesses.Dtls;

/// <summary>
/// A link that delivers a fixed list of datagrams and then reports itself closed, so a DTLS
/// handshake fed a fuzz input always ends quickly (in "connection closed" at worst) instead of
/// waiting for a peer that does not exist. Records what the DTLS side sent.
/// </summary>
internal sealed class ScriptedDatagramTransport(IEnumerable<byte[]> incoming, int maxDatagramSize = 1200) : IDatagramTransport
{
    private readonly Queue<byte[]> _incoming = new(incoming);
    private readonly object _gate = new();

    public List<byte[]> Sent { get; } = [];

    public int MaxDatagramSize => maxDatagramSize;

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        lock (_gate) Sent.Add(datagram.ToArray());
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        byte[]? next;
        lock (_gate) _incoming.TryDequeue(out next);
        if (next is null) throw new TransportClosedException("end of the scripted input");
        var n = Math.Min(next.Length, buffer.Length);
        next.AsSpan(0, n).CopyTo(buffer.Span);
        return ValueTask.FromResult(n);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
