namespace SecureLink.Voice.Jitter;

/// <summary>Tuning of the adaptive jitter buffer.</summary>
public sealed record JitterBufferOptions
{
    /// <summary>Smallest target delay: one frame, so a packet arriving a little late still plays.</summary>
    public double MinDelayMs { get; init; } = 20;

    /// <summary>Largest target delay: beyond this, conversation suffers more than loss would (E-model Id).</summary>
    public double MaxDelayMs { get; init; } = 200;

    /// <summary>Target = clamp(JitterMultiplier × jitter estimate, Min, Max); 3 covers most of a jitter distribution's tail.</summary>
    public double JitterMultiplier { get; init; } = 3;

    /// <summary>How far above the target the held audio may grow before frames are discarded to shrink it.</summary>
    public double ShrinkHysteresisMs { get; init; } = 40;

    /// <summary>A gap (in frames) between playout and the oldest held packet beyond which playout jumps instead of concealing each missing frame.</summary>
    public int MaxGapFrames { get; init; } = 25;

    /// <summary>Most packets held at once; a flood beyond this is dropped (counted as late).</summary>
    public int MaxPackets { get; init; } = 64;
}
