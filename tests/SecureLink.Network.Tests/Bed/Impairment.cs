namespace SecureLink.Network.Bed;

/// <summary>What a <see cref="TunWire"/> does to each packet, in each direction separately (like netem, which this kernel lacks).</summary>
public sealed record Impairment
{
    public static readonly Impairment None = new();

    /// <summary>Fixed one-way delay.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Uniform extra delay in ±Jitter around Delay (packets may overtake each other, as with netem).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Probability in [0, 1] that a packet is dropped.</summary>
    public double Loss { get; init; }
}
