namespace SecureLink.Voice.Jitter;

/// <summary>What the jitter buffer tells the decoder to do for the next 20 ms of playout.</summary>
public enum JitterFrameKind
{
    /// <summary>Still filling up to the target delay: play silence, nothing was lost.</summary>
    Buffering,
    /// <summary>Decode <see cref="JitterFrame.Payload"/> normally.</summary>
    Packet,
    /// <summary>This frame was lost but the next packet is here: decode <see cref="JitterFrame.Payload"/> (the NEXT packet) with FEC.</summary>
    Fec,
    /// <summary>Nothing to decode: conceal (PLC).</summary>
    Conceal,
}

/// <summary>One playout decision.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Payload">The Opus payload to decode (for <see cref="JitterFrameKind.Packet"/> and <see cref="JitterFrameKind.Fec"/>).</param>
/// <param name="SequenceNumber">RTP sequence number of the frame being played (or rebuilt).</param>
public readonly record struct JitterFrame(JitterFrameKind Kind, ReadOnlyMemory<byte> Payload, ushort SequenceNumber);
