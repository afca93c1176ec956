namespace SecureLink.Voice.Codec;

/// <summary>Highest audio band the encoder may code.</summary>
public enum VoiceBandwidth
{
    /// <summary>4 kHz audio (SILK).</summary>
    Narrowband,
    /// <summary>8 kHz audio (SILK): the widest band SILK codes alone.</summary>
    Wideband,
    /// <summary>12 kHz audio (hybrid SILK + CELT).</summary>
    SuperWideband,
    /// <summary>20 kHz audio (hybrid or CELT).</summary>
    Fullband,
}

/// <summary>
/// The encoder knobs the call adapts while it runs.
/// </summary>
/// <param name="BitrateBitsPerSecond">Target bitrate (Opus accepts 6 000..510 000).</param>
/// <param name="InbandFec">Whether each packet carries a low-bitrate copy of the previous frame (LBRR).</param>
/// <param name="ExpectedLossPercent">Loss hint (0..100); Opus spends more bits on FEC as it rises.</param>
/// <param name="MaxBandwidth">Band cap. Measured here: 24 kb/s hybrid and 16 kb/s wideband code no FEC
/// at all (SILK's LBRR has a per-band rate floor), so low bitrates must cap the band (see the policy).</param>
public sealed record OpusEncoderSettings(int BitrateBitsPerSecond, bool InbandFec, int ExpectedLossPercent,
    VoiceBandwidth MaxBandwidth = VoiceBandwidth.Fullband)
{
    /// <summary>Start of a call: 32 kb/s full band, FEC on with a small loss hint so the first loss is already covered.</summary>
    public static OpusEncoderSettings Default { get; } = new(32_000, true, 1);
}
