namespace SecureLink.Voice.Codec;

/// <summary>
/// Maps measured packet loss (from RTCP receiver reports) to encoder settings. Under loss we spend
/// fewer bits on the primary frame and let FEC carry redundancy: a lower bitrate also reduces
/// congestion, which is the usual cause of loss on a home uplink.
/// Bands: below 2 % → 32 kb/s; 2–10 % → 24 kb/s; above 10 % → 16 kb/s. FEC stays on in every band
/// (its cost is nil when Opus sees a 0 % hint); the loss hint is the measured loss rounded up,
/// so Opus sizes its LBRR copy to what the network really does.
/// </summary>
public sealed class BitrateAdaptationPolicy
{
    /// <summary>Loss fraction (percent) at which the middle band starts.</summary>
    public double ModerateLossPercent { get; init; } = 2.0;

    /// <summary>Loss fraction (percent) above which the lowest band applies.</summary>
    public double HeavyLossPercent { get; init; } = 10.0;

    /// <summary>Settings for a measured loss percentage (NaN or negative counts as 0).</summary>
    public OpusEncoderSettings Choose(double measuredLossPercent)
    {
        var loss = double.IsNaN(measuredLossPercent) || measuredLossPercent < 0 ? 0 : Math.Min(measuredLossPercent, 100);
        var hint = Math.Max(1, (int)Math.Ceiling(loss));
        if (loss > HeavyLossPercent) return new OpusEncoderSettings(16_000, true, hint);
        if (loss >= ModerateLossPercent) return new OpusEncoderSettings(24_000, true, hint);
        return new OpusEncoderSettings(32_000, true, hint);
    }
}
