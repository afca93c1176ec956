namespace SecureLink.WebRtc.Rtcp;

/// <summary>
/// Round-trip time from a report block about our stream (RFC 3550 §6.4.1): RTT = A − LSR − DLSR,
/// where A is when the block arrived, all in the 16.16 "middle 32 bits" NTP format.
/// </summary>
public static class RtcpRoundTrip
{
    /// <summary>
    /// The RTT, or null when the block carries no LSR (the peer has not had an SR from us yet)
    /// or the arithmetic goes negative (clock trouble), in which case no honest value exists.
    /// </summary>
    public static TimeSpan? Compute(uint arrivalMiddle32, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        if (lastSenderReport == 0) return null;
        var rtt = (int)(arrivalMiddle32 - lastSenderReport - delaySinceLastSenderReport);
        return rtt < 0 ? null : NtpTimestamp.FromShortUnits((uint)rtt);
    }

    public static TimeSpan? Compute(ulong arrivalNtp, RtcpReportBlock block) =>
        Compute(NtpTimestamp.Middle32(arrivalNtp), block.LastSenderReport, block.DelaySinceLastSenderReport);
}
