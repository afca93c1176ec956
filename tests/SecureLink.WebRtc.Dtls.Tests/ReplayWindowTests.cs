using SecureLink.WebRtc.Dtls;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>The anti-replay window as RFC 6347 §4.1.2.6 / RFC 9147 §4.5.1 describe it: 64 records, per epoch, moved only by authenticated records.</summary>
public sealed class ReplayWindowTests
{
    [Fact]
    public void A_duplicate_inside_the_window_is_caught_and_a_gap_stays_fresh()
    {
        var w = new RecordReplayWindow(1);
        foreach (var seq in new long[] { 0, 1, 2, 4, 5 }) w.MarkAuthenticated(1, seq);
        Assert.Equal(ReplayCheck.Duplicate, w.Check(1, 2));
        Assert.Equal(ReplayCheck.Duplicate, w.Check(1, 5));
        Assert.Equal(ReplayCheck.Fresh, w.Check(1, 3));        // late, never seen: accepted by the RFC
        Assert.Equal(ReplayCheck.Fresh, w.Check(1, 6));
        w.MarkAuthenticated(1, 3);                             // the late one arrives after all
        Assert.Equal(ReplayCheck.Duplicate, w.Check(1, 3));
        Assert.Equal(5, w.RightEdge);
    }

    [Fact]
    public void Records_older_than_64_behind_the_right_edge_are_too_old_even_if_never_seen()
    {
        var w = new RecordReplayWindow(1);
        w.MarkAuthenticated(1, 100);
        Assert.Equal(ReplayCheck.Fresh, w.Check(1, 37));       // 63 behind: still inside, not seen
        Assert.Equal(ReplayCheck.TooOld, w.Check(1, 36));      // 64 behind: outside
        Assert.Equal(ReplayCheck.TooOld, w.Check(1, 0));
    }

    [Fact]
    public void A_record_far_ahead_moves_the_window_only_once_it_is_authenticated()
    {
        var w = new RecordReplayWindow(1);
        for (long seq = 0; seq < 10; seq++) w.MarkAuthenticated(1, seq);
        // A forger's far-ahead number: checking it changes nothing, so the real records stay fresh / duplicates.
        Assert.Equal(ReplayCheck.Fresh, w.Check(1, 1_000_000));
        Assert.Equal(9, w.RightEdge);
        Assert.Equal(ReplayCheck.Fresh, w.Check(1, 10));
        Assert.Equal(ReplayCheck.Duplicate, w.Check(1, 9));
        // Once authentic, a jump beyond the window's width empties it: everything before is too old.
        w.MarkAuthenticated(1, 200);
        Assert.Equal(ReplayCheck.TooOld, w.Check(1, 9));
        Assert.Equal(ReplayCheck.Duplicate, w.Check(1, 200));
        Assert.Equal(ReplayCheck.Fresh, w.Check(1, 199));
        // A jump of less than the width keeps the earlier marks, shifted.
        w.MarkAuthenticated(1, 210);
        Assert.Equal(ReplayCheck.Duplicate, w.Check(1, 200));
        Assert.Equal(ReplayCheck.Fresh, w.Check(1, 205));
        Assert.Equal(ReplayCheck.Fresh, w.Check(1, (1L << 48) - 1)); // the largest 48-bit number is still a number
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Check(1, 1L << 48));
    }

    [Fact]
    public void A_new_epoch_starts_an_empty_window_and_the_old_epoch_is_stale()
    {
        var w = new RecordReplayWindow(1);
        for (long seq = 0; seq < 5; seq++) w.MarkAuthenticated(1, seq);
        Assert.Equal(ReplayCheck.NewerEpoch, w.Check(2, 0));   // nothing of epoch 2 authenticated yet
        Assert.Equal(ReplayCheck.OlderEpoch, w.Check(0, 3));
        w.MarkAuthenticated(2, 0);
        Assert.Equal(2, w.Epoch);
        Assert.Equal(ReplayCheck.Duplicate, w.Check(2, 0));
        Assert.Equal(ReplayCheck.Fresh, w.Check(2, 1));        // numbers restart per epoch
        Assert.Equal(ReplayCheck.OlderEpoch, w.Check(1, 4));
        w.MarkAuthenticated(1, 7);                             // e.g. a retransmitted handshake record of the old epoch
        Assert.Equal(2, w.Epoch);
        Assert.Equal(0, w.RightEdge);
    }

    [Fact]
    public void The_audit_counts_each_dropped_record_by_what_it_is_and_never_trusts_an_unauthenticated_one()
    {
        var audit = new RecordAudit(readEpoch: 1);
        byte[] Rec(byte type, int epoch, long seq, int length = 40) => Record(type, epoch, seq, new byte[length]);

        // Real records 0..4: BouncyCastle called back for each.
        for (long seq = 0; seq < 5; seq++)
        {
            Assert.Null(audit.Delivered(Rec(23, 1, seq)));
            audit.Authenticated();
        }
        // A forgery far ahead: no callback. It must not move the window.
        audit.Delivered(Rec(23, 1, 5000));
        var forged = audit.Delivered(Rec(23, 1, 2));           // settles the forgery; then a replay of 2
        Assert.Equal(new DroppedRecord(RecordDrop.Unauthenticated, 23, 1, 5000), forged);
        Assert.Equal(new DroppedRecord(RecordDrop.Replayed, 23, 1, 2), audit.Settle());
        // The next real record is accepted and counted as such, not as "too old" behind the forgery.
        audit.Delivered(Rec(23, 1, 5));
        audit.Authenticated();
        // A clear record after the handshake, a cut-short one, a wrong content type, a bad length field.
        audit.Delivered(Rec(21, 0, 99, 2));
        Assert.Equal(RecordDrop.OtherEpoch, audit.Delivered([23, 0xFE, 0xFD, 0, 1])!.Value.Reason);
        Assert.Equal(RecordDrop.Malformed, audit.Delivered(Rec(99, 1, 6))!.Value.Reason);
        var badLength = Rec(23, 1, 7);
        badLength[12] = 200;
        Assert.Equal(RecordDrop.Malformed, audit.Delivered(badLength)!.Value.Reason);
        Assert.Equal(RecordDrop.Malformed, audit.Settle()!.Value.Reason);
        Assert.Null(audit.Settle());

        Assert.Equal(new DtlsStatistics(6, 1, 1, 1, 3, 0), audit.Snapshot(0));
    }

    internal static byte[] Record(byte type, int epoch, long seq, byte[] body) =>
    [
        type, 0xFE, 0xFD, (byte)(epoch >> 8), (byte)epoch,
        (byte)(seq >> 40), (byte)(seq >> 32), (byte)(seq >> 24), (byte)(seq >> 16), (byte)(seq >> 8), (byte)seq,
        (byte)(body.Length >> 8), (byte)body.Length, .. body,
    ];
}
