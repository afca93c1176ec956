namespace SecureLink.WebRtc.Transport;

/// <summary>
/// A connected, unreliable, message-oriented transport: one call sends or receives
/// exactly one datagram. Every layer of the stack (ICE, DTLS, SCTP, SRTP) is
/// written against this so each can be tested alone over an in-memory
/// <see cref="DatagramPipe"/> that drops, delays and reorders.
/// </summary>
public interface IDatagramTransport : IAsyncDisposable
{
    /// <summary>Largest datagram this transport carries without fragmentation.</summary>
    int MaxDatagramSize { get; }

    /// <summary>Sends one datagram. Best effort: it may be lost. Throws
    /// <see cref="TransportClosedException"/> once the transport is closed.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default);

    /// <summary>Waits for the next datagram and copies it into <paramref name="buffer"/>.
    /// Returns its length; a datagram longer than the buffer is truncated to the
    /// buffer's size. Throws <see cref="TransportClosedException"/> when the
    /// transport is closed (locally or by the layer below).</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
}
