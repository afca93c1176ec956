namespace SecureLink.Voice.Codec;

/// <summary>
/// Maps measured packet loss (from RTCP receiver reports) to encoder settings. Under loss we spend
/// fewer bits on the primary frame and let FEC carry redundancy: a lower bitrate also reduces
/// congestion, which is the usual cause of loss on a home uplink.
/// Bands: below 2 % → 32 kb/s full band; 2–10 % → 24 kb/s capped at wideband; above 10 % → 16 kb/s
/// capped at narrowband. The caps matter: SILK codes FEC (LBRR) only above a per-band rate floor, and
/// measured with Concentus, 24 kb/s hybrid and 16 kb/s wideband carry no FEC at all (recovery then
/// equals plain PLC), while 24 kb/s wideband and 16 kb/s narrowband do. FEC stays on in every band; the loss hint is the measured loss
/// rounded up (at least 1 %), so Opus sizes its LBRR copy to what the network really does.
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
        if (loss > HeavyLossPercent) return new OpusEncoderSettings(16_000, true, hint, VoiceBandwidth.Narrowband);
        if (loss >= ModerateLossPercent) return new OpusEncoderSettings(24_000, true, hint, VoiceBandwidth.Wideband);
        return new OpusEncoderSettings(32_000, true, hint);
    }
}
