namespace SecureLink.Voice.Quality;

/// <summary>Network conditions of one direction of a call, as the E-model needs them.</summary>
/// <param name="OneWayDelayMs">Mouth-to-ear delay without the jitter buffer (network + codec + device), ms.</param>
/// <param name="PacketLossPercent">Packets lost or too late, percent (0..100).</param>
/// <param name="BurstRatio">BurstR (G.107 §3.9): 1 = random loss, > 1 = bursty.</param>
/// <param name="JitterMs">Interarrival jitter, ms.</param>
/// <param name="JitterBufferDelayMs">Delay the jitter buffer adds; null = what our buffer would choose (clamp(3 × jitter, 20, 200)).</param>
public readonly record struct CallConditions(
    double OneWayDelayMs, double PacketLossPercent, double BurstRatio = 1, double JitterMs = 0, double? JitterBufferDelayMs = null);

/// <summary>The E-model's output.</summary>
/// <param name="R">Transmission rating factor (0..100 on the narrowband scale).</param>
/// <param name="Mos">Estimated mean opinion score (conversational, 1..4.5).</param>
/// <param name="Id">Delay impairment.</param>
/// <param name="IeEff">Effective equipment impairment including loss.</param>
/// <param name="MouthToEarMs">Delay used for Id (one-way + jitter buffer).</param>
public readonly record struct CallQuality(double R, double Mos, double Id, double IeEff, double MouthToEarMs);

/// <summary>
/// ITU-T G.107 E-model, simplified for VoIP: R = R0 − Is − Id − Ie,eff + A with the default values
/// for everything a VoIP call cannot measure (room noise, sidetone, echo loss), so R0 − Is = 93.2.
/// Id uses the Cole–Rosenbluth fit of G.107's delay terms (0.024·d + 0.11·(d − 177.3) above
/// 177.3 ms), which tracks G.107 for well-cancelled echo. Ie,eff = Ie + (95 − Ie)·Ppl / (Ppl/BurstR + Bpl)
/// is G.107's own formula. A = 0 (a fixed-line expectation).
/// </summary>
public static class EModel
{
    /// <summary>R0 − Is with all G.107 defaults.</summary>
    public const double DefaultR0MinusIs = 93.2;

    /// <summary>Advantage factor A (0: no allowance for convenience).</summary>
    public const double Advantage = 0;

    /// <summary>Rates a call direction for a codec.</summary>
    public static CallQuality Rate(CallConditions conditions, CodecImpairment codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var jbDelay = conditions.JitterBufferDelayMs ?? Math.Clamp(3 * Math.Max(0, conditions.JitterMs), 20, 200);
        var delay = Math.Max(0, conditions.OneWayDelayMs) + Math.Max(0, jbDelay);
        var id = DelayImpairment(delay);
        var ieEff = EffectiveEquipmentImpairment(codec, conditions.PacketLossPercent, conditions.BurstRatio);
        var r = DefaultR0MinusIs - id - ieEff + Advantage;
        return new CallQuality(r, MosFromR(r), id, ieEff, delay);
    }

    /// <summary>Id for a mouth-to-ear delay (Cole–Rosenbluth approximation of G.107).</summary>
    public static double DelayImpairment(double mouthToEarMs)
    {
        var d = Math.Max(0, mouthToEarMs);
        return 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
    }

    /// <summary>G.107 Ie,eff for a loss percentage and burst ratio.</summary>
    public static double EffectiveEquipmentImpairment(CodecImpairment codec, double lossPercent, double burstRatio)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var ppl = Math.Clamp(double.IsNaN(lossPercent) ? 0 : lossPercent, 0, 100);
        var burst = double.IsNaN(burstRatio) || burstRatio < 1 ? 1 : burstRatio;
        return codec.Ie + (95 - codec.Ie) * ppl / (ppl / burst + codec.Bpl);
    }

    /// <summary>G.107 Annex B: MOS from R.</summary>
    public static double MosFromR(double r)
    {
        if (double.IsNaN(r) || r <= 0) return 1;
        if (r >= 100) return 4.5;
        return Math.Max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }
}
