using SecureLink.WebRtc.Rtcp;

namespace SecureLink.WebRtc.Rtp.Tests.Rtcp;

public sealed class RtpReceiverStatisticsTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void A_clean_stream_reports_no_loss_and_no_jitter()
    {
        var s = new RtpReceiverStatistics(7, 48000);
        for (var i = 0; i < 100; i++) s.OnPacket((ushort)(1000 + i), (uint)(i * 960), Ms(i * 20));
        var block = s.CreateReportBlock(Ms(2000));
        Assert.Equal(0, block.FractionLost);
        Assert.Equal(0, block.CumulativeLost);
        Assert.Equal(1099u, block.ExtendedHighestSequence);
        Assert.Equal(0u, block.Jitter);
    }

    [Fact]
    public void Loss_is_counted_per_interval_and_cumulatively()
    {
        var s = new RtpReceiverStatistics(7, 48000);
        // 100 expected, every 4th lost: 25 lost.
        for (var i = 0; i < 100; i++) if (i % 4 != 3) s.OnPacket((ushort)i, (uint)(i * 960), Ms(i * 20));
        var first = s.CreateReportBlock(Ms(2000));
        // The highest received is 98 (99 was lost): 99 expected, 75 received.
        Assert.Equal(24, first.CumulativeLost);
        Assert.Equal(24 * 256 / 99, first.FractionLost);
        // Next interval: 99 turns out lost too (1 of 51 expected), nothing else.
        for (var i = 100; i < 150; i++) s.OnPacket((ushort)i, (uint)(i * 960), Ms(i * 20));
        var second = s.CreateReportBlock(Ms(3000));
        Assert.Equal(256 / 51, second.FractionLost);
        for (var i = 150; i < 200; i++) s.OnPacket((ushort)i, (uint)(i * 960), Ms(i * 20));
        Assert.Equal(0, s.CreateReportBlock(Ms(4000)).FractionLost);
        Assert.Equal(25, second.CumulativeLost);
    }

    [Fact]
    public void Sequence_wrap_adds_a_cycle_to_the_extended_highest()
    {
        var s = new RtpReceiverStatistics(7, 8000);
        for (var i = 0; i < 20; i++) s.OnPacket((ushort)(65530 + i), (uint)(i * 160), Ms(i * 20));
        Assert.Equal(0x0001_0000u + 13, s.ExtendedHighestSequence);
        Assert.Equal(0, s.CumulativeLost);
    }

    [Fact]
    public void Duplicates_make_cumulative_loss_negative()
    {
        var s = new RtpReceiverStatistics(7, 8000);
        s.OnPacket(1, 0, Ms(0));
        s.OnPacket(2, 160, Ms(20));
        s.OnPacket(2, 160, Ms(21));
        Assert.Equal(-1, s.CreateReportBlock(Ms(30)).CumulativeLost);
    }

    [Fact]
    public void A_large_jump_is_believed_only_when_the_next_packet_follows()
    {
        var s = new RtpReceiverStatistics(7, 8000);
        s.OnPacket(100, 0, Ms(0));
        Assert.False(s.OnPacket(40000, 0, Ms(20)));
        Assert.Equal(100u, s.ExtendedHighestSequence);
        Assert.True(s.OnPacket(40001, 0, Ms(40)));
        Assert.Equal(40001u, s.ExtendedHighestSequence);
        Assert.Equal(1, s.PacketsReceived);
    }

    [Fact]
    public void Jitter_follows_a_8_of_rfc_3550()
    {
        var s = new RtpReceiverStatistics(7, 8000);
        // Packets every 20 ms of media, arrivals alternating 10 ms early/late: |D| = 160 units after the first pair.
        double expected = 0;
        double? lastTransit = null;
        for (var i = 0; i < 50; i++)
        {
            var arrival = i * 20 + (i % 2 == 0 ? 0 : 10);
            s.OnPacket((ushort)i, (uint)(i * 160), Ms(arrival));
            var transit = arrival * 8.0 - i * 160;
            if (lastTransit is { } lt) expected += (Math.Abs(transit - lt) - expected) / 16;
            lastTransit = transit;
        }
        Assert.Equal(expected, s.Jitter, 6);
        Assert.InRange(s.Jitter, 60, 80);
        Assert.Equal((uint)expected, s.CreateReportBlock(Ms(1000)).Jitter);
    }

    [Fact]
    public void Lsr_and_dlsr_come_from_the_last_sender_report_and_give_the_rtt()
    {
        var remote = new RtpReceiverStatistics(7, 48000);
        var sentAt = new DateTime(2026, 12, 1, 18, 0, 0, DateTimeKind.Utc);
        var srNtp = NtpTimestamp.FromDateTime(sentAt);
        // The SR took 40 ms to reach the peer, which holds it 250 ms before reporting.
        remote.OnPacket(1, 0, Ms(0));
        remote.OnSenderReport(srNtp, Ms(1040));
        var block = remote.CreateReportBlock(Ms(1290));
        Assert.Equal(NtpTimestamp.Middle32(srNtp), block.LastSenderReport);
        Assert.Equal(250.0, NtpTimestamp.FromShortUnits(block.DelaySinceLastSenderReport).TotalMilliseconds, 0);
        // The report takes 40 ms back: it arrives 330 ms after we sent the SR.
        var rtt = RtcpRoundTrip.Compute(NtpTimestamp.FromDateTime(sentAt.AddMilliseconds(330)), block);
        Assert.NotNull(rtt);
        Assert.InRange(rtt!.Value.TotalMilliseconds, 79.5, 80.5);
    }

    [Fact]
    public void No_sender_report_means_no_rtt()
    {
        Assert.Null(RtcpRoundTrip.Compute(0x12345678, 0, 0));
        Assert.Null(RtcpRoundTrip.Compute(100, 200, 0)); // negative: clock trouble, not a number
    }

    [Fact]
    public void Ntp_timestamps_round_trip_to_the_tick()
    {
        var t = new DateTime(2026, 12, 1, 18, 40, 12, 345, DateTimeKind.Utc);
        Assert.InRange((NtpTimestamp.ToDateTime(NtpTimestamp.FromDateTime(t)) - t).Duration().Ticks, 0, 1);
    }
}
