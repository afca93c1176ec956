using SecureLink.Voice.Quality;

namespace SecureLink.Voice.Tests.Quality;

public sealed class EModelTests
{
    [Theory]
    [InlineData(93.2, 4.41)]
    [InlineData(100, 4.5)]
    [InlineData(0, 1.0)]
    [InlineData(-5, 1.0)]
    [InlineData(50, 2.58)]  // G.107 Annex B: 1 + 1.75 + 50·(−10)·50·7e−6
    [InlineData(70, 3.60)]
    public void Mos_from_R_follows_G107_annex_B(double r, double mos) =>
        Assert.Equal(mos, EModel.MosFromR(r), 2);

    [Fact]
    public void No_delay_and_no_loss_gives_the_codecs_maximum()
    {
        var q = EModel.Rate(new CallConditions(0, 0, JitterBufferDelayMs: 0), CodecImpairment.Opus32);
        Assert.Equal(93.2, q.R, 6);
        Assert.Equal(4.41, q.Mos, 2);
        var low = EModel.Rate(new CallConditions(0, 0, JitterBufferDelayMs: 0), CodecImpairment.Opus16Fec);
        Assert.Equal(93.2 - 5, low.R, 6);
    }

    [Fact]
    public void Delay_impairment_bends_at_177_ms()
    {
        Assert.Equal(0.024 * 150, EModel.DelayImpairment(150), 9);
        Assert.Equal(0.024 * 300 + 0.11 * (300 - 177.3), EModel.DelayImpairment(300), 9);
        Assert.True(EModel.DelayImpairment(400) - EModel.DelayImpairment(300) > 5 * (EModel.DelayImpairment(150) - EModel.DelayImpairment(50)) / 5);
    }

    [Fact]
    public void Five_percent_loss_hurts_much_less_with_FEC()
    {
        var c = new CallConditions(50, 5, JitterMs: 5);
        var fec = EModel.Rate(c, CodecImpairment.Opus32Fec);
        var plc = EModel.Rate(c, CodecImpairment.Opus32);
        // Ie,eff = 95·5/(5+Bpl): 95·5/45 = 10.6 with FEC, 95·5/25 = 19 without.
        Assert.Equal(95 * 5 / 45.0, fec.IeEff, 6);
        Assert.Equal(95 * 5 / 25.0, plc.IeEff, 6);
        Assert.True(fec.Mos > plc.Mos + 0.3, $"{fec.Mos:F2} vs {plc.Mos:F2}");
    }

    [Fact]
    public void Bursty_loss_is_worse_than_random_loss()
    {
        var random = EModel.Rate(new CallConditions(50, 5, BurstRatio: 1), CodecImpairment.Opus32Fec);
        var bursty = EModel.Rate(new CallConditions(50, 5, BurstRatio: 3), CodecImpairment.Opus32Fec);
        Assert.True(bursty.R < random.R);
    }

    [Fact]
    public void Jitter_adds_the_jitter_buffer_delay_to_mouth_to_ear()
    {
        Assert.Equal(100 + 20, EModel.Rate(new CallConditions(100, 0, JitterMs: 2), CodecImpairment.Opus32).MouthToEarMs);
        Assert.Equal(100 + 90, EModel.Rate(new CallConditions(100, 0, JitterMs: 30), CodecImpairment.Opus32).MouthToEarMs);
        Assert.Equal(100 + 200, EModel.Rate(new CallConditions(100, 0, JitterMs: 500), CodecImpairment.Opus32).MouthToEarMs);
        Assert.Equal(100 + 60, EModel.Rate(new CallConditions(100, 0, JitterMs: 500, JitterBufferDelayMs: 60), CodecImpairment.Opus32).MouthToEarMs);
    }

    [Fact]
    public void Codec_constants_follow_the_encoder_settings()
    {
        Assert.Same(CodecImpairment.Opus32Fec, CodecImpairment.ForOpus(32_000, true));
        Assert.Same(CodecImpairment.Opus16Fec, CodecImpairment.ForOpus(16_000, true));
        Assert.Same(CodecImpairment.Opus32, CodecImpairment.ForOpus(24_000, false));
    }

    [FsCheck.Xunit.Property]
    public bool Mos_stays_in_range_and_never_rises_with_loss(byte lossA, byte lossB, ushort delay)
    {
        var (lo, hi) = (Math.Min(lossA, lossB) % 101, Math.Max(lossA, lossB) % 101);
        if (lo > hi) (lo, hi) = (hi, lo);
        var a = EModel.Rate(new CallConditions(delay, lo), CodecImpairment.Opus32Fec);
        var b = EModel.Rate(new CallConditions(delay, hi), CodecImpairment.Opus32Fec);
        return a.Mos is >= 1 and <= 4.5 && b.Mos is >= 1 and <= 4.5 && b.Mos <= a.Mos + 1e-9;
    }
}
