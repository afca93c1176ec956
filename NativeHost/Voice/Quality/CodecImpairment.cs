namespace SecureLink.Voice.Quality;

/// <summary>
/// A codec's E-model constants: equipment impairment Ie and packet-loss robustness Bpl
/// (ITU-T G.113 Appendix I style, narrowband R scale where G.711 has Ie = 0).
/// </summary>
/// <param name="Name">For display.</param>
/// <param name="Ie">Impairment with no loss.</param>
/// <param name="Bpl">Robustness to random loss; larger means loss hurts less.</param>
public sealed record CodecImpairment(string Name, double Ie, double Bpl)
{
    // G.113 Appendix I does not list Opus. These are our stated choices, anchored on values it does list:
    //   G.711 with PLC (Appendix I): Ie = 0, Bpl = 25.1;  G.729A + VAD: Ie = 11, Bpl = 19.0.
    // Opus SILK/hybrid at >= 24 kb/s is perceptually at least as good as narrowband G.711, so Ie = 0
    // (the narrowband scale cannot reward wideband). At 16 kb/s we charge Ie = 5 (between G.711 and
    // G.729A). Opus PLC is comparable to G.711 Appendix I PLC but works on 20 ms frames, so Bpl = 20.
    // With in-band FEC every isolated loss is rebuilt from the next packet at reduced quality, which
    // moves the curve far out: Bpl = 40 (only bursts, scaled by BurstR, really hurt).

    /// <summary>Opus at 32 kb/s, PLC only.</summary>
    public static CodecImpairment Opus32 { get; } = new("opus 32k", 0, 20);

    /// <summary>Opus at 32 kb/s (or 24 kb/s) with in-band FEC.</summary>
    public static CodecImpairment Opus32Fec { get; } = new("opus 32k+fec", 0, 40);

    /// <summary>Opus at 16 kb/s with in-band FEC.</summary>
    public static CodecImpairment Opus16Fec { get; } = new("opus 16k+fec", 5, 40);

    /// <summary>G.711 with Appendix I PLC, for comparison and tests.</summary>
    public static CodecImpairment G711Plc { get; } = new("g711 plc", 0, 25.1);

    /// <summary>The constants matching an encoder bitrate and FEC setting.</summary>
    public static CodecImpairment ForOpus(int bitrateBitsPerSecond, bool fec) =>
        (bitrateBitsPerSecond < 20_000, fec) switch
        {
            (true, true) => Opus16Fec,
            (true, false) => new CodecImpairment("opus 16k", 5, 20),
            (false, true) => Opus32Fec,
            (false, false) => Opus32,
        };
}
