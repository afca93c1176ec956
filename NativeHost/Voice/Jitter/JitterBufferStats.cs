namespace SecureLink.Voice.Jitter;

/// <summary>Counters and state of a <see cref="JitterBuffer"/> (a snapshot; the call shows these as call quality).</summary>
/// <param name="Received">Packets accepted into the buffer.</param>
/// <param name="Duplicates">Packets dropped because that sequence number was already buffered or played.</param>
/// <param name="Late">Packets dropped because their playout time had passed.</param>
/// <param name="Lost">Frames whose packet never came in time (each was rebuilt by FEC or concealed).</param>
/// <param name="RecoveredByFec">Lost frames handed out for FEC recovery from the next packet.</param>
/// <param name="Concealed">Frames handed out for PLC (losses without a next packet, and underruns).</param>
/// <param name="Discarded">Frames dropped on purpose to shrink the delay after jitter calmed down.</param>
/// <param name="JitterMs">RFC 3550 interarrival jitter estimate in milliseconds.</param>
/// <param name="TargetDelayMs">Delay the buffer is steering towards.</param>
/// <param name="CurrentDelayMs">Audio held in the buffer at the last playout, in milliseconds.</param>
/// <param name="Resyncs">Times playout jumped because the sequence numbers jumped (sender restart or skip).</param>
public readonly record struct JitterBufferStats(
    long Received, long Duplicates, long Late, long Lost, long RecoveredByFec, long Concealed, long Discarded,
    double JitterMs, double TargetDelayMs, double CurrentDelayMs, long Resyncs = 0)
{
    /// <summary>Mean time a played packet waited in the buffer, arrival to playout: the buffer's share of the delay.</summary>
    public double AverageWaitMs { get; init; }
}
