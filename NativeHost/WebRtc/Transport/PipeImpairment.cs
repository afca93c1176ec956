namespace SecureLink.WebRtc.Transport;

/// <summary>
/// What an in-memory <see cref="DatagramPipe"/> does to the datagrams it carries,
/// so every layer's tests can run over a hostile link without a network.
/// </summary>
/// <param name="LossRate">Probability (0..1) that a datagram is silently dropped.</param>
/// <param name="DuplicateRate">Probability (0..1) that a datagram is delivered twice.</param>
/// <param name="ReorderRate">Probability (0..1) that a datagram is held back behind the next one.</param>
/// <param name="Delay">Fixed one-way delay added to every datagram.</param>
/// <param name="Jitter">Extra random delay, uniform in [0, Jitter].</param>
/// <param name="Seed">Seed of the pipe's own random source, so a failing run can be replayed.</param>
public sealed record PipeImpairment(
    double LossRate = 0,
    double DuplicateRate = 0,
    double ReorderRate = 0,
    TimeSpan Delay = default,
    TimeSpan Jitter = default,
    int Seed = 1)
{
    /// <summary>A perfect link.</summary>
    public static PipeImpairment None { get; } = new();
}
