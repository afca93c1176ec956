using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecureLink.WebRtc.Srtp;

namespace SecureLink.WebRtc.Rtp.Tests.Srtp;

/// <summary>The RFC 3711 Appendix A index guess against the true index of a reordered stream.</summary>
public sealed class SrtpRolloverCounterTests
{
    [Property(MaxTest = 200)]
    public bool The_guess_equals_the_true_index_under_bounded_reordering(ushort start, int seed)
    {
        // A stream of 3000 packets from a random start (ROC 0), delivered with each packet displaced
        // by up to 50 places and some lost; the first one delivered is the first one sent.
        var rng = new System.Random(seed);
        var sent = Enumerable.Range(0, 3000).Select(i => (ulong)start + (ulong)i).ToList();
        var delivered = sent.Skip(1).Where(_ => rng.NextDouble() > 0.05)
            .Select((index, pos) => (index, key: pos + rng.Next(50))).OrderBy(x => x.key).Select(x => x.index).Prepend(sent[0]);
        var roc = new SrtpRolloverCounter();
        foreach (var index in delivered)
        {
            if (!roc.TryEstimate((ushort)index, out var guess, out var guessedRoc) || guess != index) return false;
            roc.Update((ushort)index, guessedRoc);
        }
        return true;
    }

    [Fact]
    public void A_packet_from_before_roc_zero_is_refused_rather_than_placed_in_epoch_minus_one()
    {
        var roc = new SrtpRolloverCounter();
        Assert.True(roc.TryEstimate(5, out _, out var r));
        roc.Update(5, r);
        Assert.False(roc.TryEstimate(65000, out _, out _));
    }

    [Fact]
    public void Context_forgets_the_oldest_stream_beyond_the_limit_and_a_removed_one_restarts()
    {
        var key = SrtpTestKeys.Random(SrtpProfile.AeadAes128Gcm);
        using var tx = new SrtpContext(key);
        using var rx = new SrtpContext(key);
        var first = tx.ProtectRtp(SrtpTestKeys.Rtp(1, ssrc: 0))!;
        Assert.NotNull(rx.UnprotectRtp(first));
        Assert.True(rx.RemoveStream(0));
        Assert.NotNull(rx.UnprotectRtp(first)); // forgotten: no replay state any more
        for (uint ssrc = 1; ssrc <= SrtpContext.MaxStreams; ssrc++)
            Assert.NotNull(rx.UnprotectRtp(tx.ProtectRtp(SrtpTestKeys.Rtp(1, ssrc: ssrc))!));
        Assert.False(rx.TryGetRolloverCounter(0, out _));
        Assert.True(rx.TryGetRolloverCounter(SrtpContext.MaxStreams, out _));
    }
}
