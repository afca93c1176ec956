using SecureLink.Voice.Codec;
using SecureLink.WebRtc.Media;

namespace SecureLink.Voice.Tests.Call;

/// <summary>The call's send and receive halves on a virtual clock: exact, repeatable quality checks.</summary>
public sealed class CallPipelineTests
{
    private static readonly short[] Tone = Signals.Sine(1000, 10 * VoiceFormat.SampleRate, 0.4);  // 10 s

    [Fact]
    public void Five_percent_loss_with_30_ms_jitter_reordering_and_duplicates_keeps_the_tone_and_MOS_above_3_8()
    {
        var call = new LockstepCall(new Impairment { LossPercent = 5, DuplicatePercent = 3, DelayMs = 20, JitterMs = 30 });
        var heard = call.Run(Tone);
        var rx = call.Snapshot;
        var q = call.Quality;

        Assert.Equal(1000, Signals.PeakFrequency(CallHarness.Slice(heard, 5, 1)));
        Assert.True(CallHarness.TonalWindows(CallHarness.Slice(heard, 1, 8), 1000) > 0.9, rx.ToString());
        Assert.True(rx.FecRecovered > 5, rx.ToString());
        Assert.InRange(rx.LossPercent, 2, 10);
        Assert.True(rx.ResidualLossPercent < rx.LossPercent / 2, rx.ToString());
        Assert.True(rx.Jitter.Duplicates > 0, rx.ToString());
        Assert.True(q.Mos >= 3.8, q.ToString());
        Assert.Equal(24_000, call.BitrateBps);
        Assert.Equal(0, rx.Invalid);
    }

    [Fact]
    public void A_clean_network_rates_at_least_4_3_with_nothing_lost_or_repaired()
    {
        var call = new LockstepCall(new Impairment { DelayMs = 15 });
        var heard = call.Run(Tone[..(3 * VoiceFormat.SampleRate)]);
        var rx = call.Snapshot;

        Assert.Equal(0, rx.LossPercent);
        Assert.Equal(0, rx.FecRecovered);
        Assert.Equal(0, rx.Jitter.Late);
        Assert.True(call.Quality.Mos >= 4.3, call.Quality.ToString());
        Assert.True(CallHarness.TonalWindows(CallHarness.Slice(heard, 0.3, 2.5), 1000) > 0.98);
    }

    [Fact]
    public void Garbage_payloads_bad_timestamps_huge_payloads_and_wild_sequence_numbers_do_not_derail_the_rest()
    {
        var rng = new Random(99);
        var count = 0;
        var call = new LockstepCall(new Impairment { DelayMs = 20, JitterMs = 10 })
        {
            Tamper = rtp => (++count % 17) switch
            {
                0 => rtp with { Payload = RandomBytes(rng, rng.Next(1, 200)) },         // not our Opus
                5 => rtp with { Timestamp = (uint)rng.NextInt64(uint.MaxValue) },        // wild timestamp
                _ => rtp,
            },
            Inject = f => f % 23 != 3 ? [] :
            [
                new ReceivedRtp(1, (ushort)rng.Next(65536), (uint)rng.NextInt64(uint.MaxValue), false, RandomBytes(rng, 40), 0), // wild sequence
                new ReceivedRtp(1, 1, 0, false, new byte[65_000], 0),                    // huge
                new ReceivedRtp(1, 2, 0, false, [], 0),                                  // empty
            ],
        };
        var heard = call.Run(Tone);
        var rx = call.Snapshot;

        Assert.True(rx.Invalid > 20, rx.ToString());
        Assert.True(rx.TimestampsReplaced > 5, rx.ToString());
        Assert.Equal(0, rx.Jitter.Resyncs);
        Assert.Equal(0, rx.Jitter.Discarded);
        // One frame in 17 is not ours; the others play: the tone holds in nearly every 100 ms window.
        Assert.True(CallHarness.TonalWindows(CallHarness.Slice(heard, 1, 8), 1000) > 0.75, rx.ToString());
        Assert.True(rx.Jitter.TargetDelayMs <= 60, $"bad timestamps must not inflate the delay: {rx}");
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }
}
