namespace SecureLink.WebRtc.Stun;

/// <summary>
/// RFC 8489 §6.2.1 retransmission over UDP: send, wait RTO, resend with the wait doubled,
/// up to <see cref="MaxRequests"/> sends (Rc), then wait <see cref="LastWaitMultiplier"/> × RTO (Rm)
/// for a late answer. Defaults are the RFC's (500 ms, 7, 16: 39.5 s in all); ICE checks use shorter ones.
/// </summary>
public sealed record StunRetransmission(TimeSpan InitialRto, int MaxRequests = 7, int LastWaitMultiplier = 16, TimeSpan? MaxRto = null)
{
    public static StunRetransmission Rfc8489 { get; } = new(TimeSpan.FromMilliseconds(500));

    /// <summary>The wait after send number <paramref name="sendIndex"/> (0-based).</summary>
    public TimeSpan WaitAfter(int sendIndex)
    {
        if (sendIndex >= MaxRequests - 1) return Cap(InitialRto * LastWaitMultiplier);
        return Cap(InitialRto * Math.Pow(2, sendIndex));
    }

    private TimeSpan Cap(TimeSpan t) => MaxRto is { } max && t > max ? max : t;
}
