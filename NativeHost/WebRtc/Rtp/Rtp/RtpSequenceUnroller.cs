namespace SecureLink.WebRtc.Rtp;

/// <summary>
/// Turns 16-bit RTP sequence numbers into a 64-bit extended sequence that keeps counting across
/// wraps (RFC 3550 §A.1's cycles idea), so that callers compare and subtract without modular
/// arithmetic. A number is placed at the nearest point to the highest one seen, so reordering of
/// up to 32767 packets either way, including across a wrap, lands on the right cycle.
/// </summary>
public sealed class RtpSequenceUnroller
{
    private long _highest = -1;

    /// <summary>Highest extended sequence seen, or -1 before the first packet.</summary>
    public long Highest => _highest;

    /// <summary>
    /// The extended sequence of <paramref name="sequenceNumber"/>. The first call returns the number
    /// itself; an earlier packet arriving before it after a wrap may return a negative value.
    /// </summary>
    public long Unroll(ushort sequenceNumber)
    {
        if (_highest < 0)
        {
            _highest = sequenceNumber;
            return sequenceNumber;
        }
        var delta = (short)(sequenceNumber - (ushort)_highest);
        var extended = _highest + delta;
        if (extended > _highest) _highest = extended;
        return extended;
    }
}
