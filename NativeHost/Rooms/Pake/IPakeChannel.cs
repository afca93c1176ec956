namespace SecureLink.Rooms.Pake;

/// <summary>
/// A reliable, ordered, message-preserving channel to the peer: the data channel in production,
/// an in-memory pipe in tests. Each <see cref="SendAsync"/> must arrive as exactly one
/// <see cref="ReceiveAsync"/>. The channel needs no secrecy or integrity of its own for the PAKE
/// to be safe, though in production it runs inside DTLS.
/// </summary>
public interface IPakeChannel
{
    /// <summary>Sends one whole message.</summary>
    Task SendAsync(byte[] message, CancellationToken ct);

    /// <summary>Waits for the next whole message from the peer.</summary>
    Task<byte[]> ReceiveAsync(CancellationToken ct);
}
