namespace SecureLink.Voice.Codec;

/// <summary>
/// The encoder knobs the call adapts while it runs.
/// </summary>
/// <param name="BitrateBitsPerSecond">Target bitrate (Opus accepts 6 000..510 000).</param>
/// <param name="InbandFec">Whether each packet carries a low-bitrate copy of the previous frame (LBRR).</param>
/// <param name="ExpectedLossPercent">Loss hint (0..100); Opus spends more bits on FEC as it rises.</param>
public sealed record OpusEncoderSettings(int BitrateBitsPerSecond, bool InbandFec, int ExpectedLossPercent)
{
    /// <summary>Start of a call: 32 kb/s, FEC on with a small loss hint so the first loss is already covered.</summary>
    public static OpusEncoderSettings Default { get; } = new(32_000, true, 1);
}
