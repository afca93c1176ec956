namespace SecureLink.WebRtc.Rtcp;

/// <summary>
/// 64-bit NTP timestamps (seconds since 1900 in the high 32 bits, binary fraction in the low 32)
/// as SR carries them, and the "middle 32 bits" (16.16 fixed point) that LSR and RTT use.
/// </summary>
public static class NtpTimestamp
{
    private static readonly DateTime Epoch = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static ulong FromDateTime(DateTime utc)
    {
        var ticks = (utc.ToUniversalTime() - Epoch).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return seconds << 32 | fraction;
    }

    public static DateTime ToDateTime(ulong ntp) =>
        Epoch.AddTicks((long)(ntp >> 32) * TimeSpan.TicksPerSecond + (long)((ntp & 0xFFFF_FFFF) * TimeSpan.TicksPerSecond >> 32));

    /// <summary>The middle 32 bits: what a report block's LSR field holds.</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>A span as 1/65536 s units (the DLSR field), saturating.</summary>
    public static uint ToShortUnits(TimeSpan span) =>
        span <= TimeSpan.Zero ? 0 : (uint)Math.Min(uint.MaxValue, span.Ticks * 65536 / TimeSpan.TicksPerSecond);

    public static TimeSpan FromShortUnits(uint units) => TimeSpan.FromTicks(units * TimeSpan.TicksPerSecond / 65536);
}
