using SecureLink.Voice.Codec;
using SecureLink.Voice.Jitter;

namespace SecureLink.Voice.Tests.Jitter;

/// <summary>Drives the buffer with a manual clock: a sender emitting one packet per 20 ms, arrivals chosen by each test.</summary>
public sealed class JitterBufferTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);
    private static uint Ts(int frame) => (uint)(1000 + frame * VoiceFormat.FrameSamples);
    private static byte[] Payload(int frame) => [(byte)frame, 0xAB];
    private static ushort Seq(int frame) => (ushort)(65_530 + frame); // crosses the 16-bit wrap

    private static bool Insert(JitterBuffer jb, int frame, double arrivalMs) =>
        jb.Insert(Seq(frame), Ts(frame), Payload(frame), Ms(arrivalMs));

    /// <summary>Pulls once per 20 ms from <paramref name="startMs"/>, returning the decisions.</summary>
    private static List<JitterFrame> Play(JitterBuffer jb, double startMs, int count) =>
        Enumerable.Range(0, count).Select(i => jb.Next(Ms(startMs + i * 20))).ToList();

    /// <summary>Every 20 ms tick from 0: deliver the arrivals due by then, then pull once.</summary>
    private static List<JitterFrame> Simulate(JitterBuffer jb, IEnumerable<(int Frame, double At)> arrivals, int ticks)
    {
        var queue = arrivals.OrderBy(a => a.At).ToList();
        var next = 0;
        var played = new List<JitterFrame>();
        for (var k = 0; k < ticks; k++)
        {
            var t = k * 20.0;
            while (next < queue.Count && queue[next].At <= t) { Insert(jb, queue[next].Frame, queue[next].At); next++; }
            played.Add(jb.Next(Ms(t)));
        }
        return played;
    }

    [Fact]
    public void Buffers_until_the_target_delay_then_plays_in_sequence_order_across_the_wrap()
    {
        var jb = new JitterBuffer();
        int[] order = [1, 0, 3, 2, 5, 4, 7, 6];
        var all = Simulate(jb, order.Select((f, i) => (f, i * 20.0 + 5)), 10);

        Assert.Equal(JitterFrameKind.Buffering, all[0].Kind); // first packet at 5 ms, target 20 ms
        var played = all.Skip(2).ToList();
        Assert.All(played, f => Assert.Equal(JitterFrameKind.Packet, f.Kind));
        Assert.Equal(Enumerable.Range(0, 8).Select(Seq), played.Select(f => f.SequenceNumber));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (byte)i), played.Select(f => f.Payload.Span[0]));
    }

    [Fact]
    public void Duplicates_are_dropped_and_counted()
    {
        var jb = new JitterBuffer();
        Assert.True(Insert(jb, 0, 0));
        Assert.False(Insert(jb, 0, 1));
        Assert.True(Insert(jb, 1, 20));
        jb.Next(Ms(40));
        Assert.False(Insert(jb, 0, 41)); // already played: late, not duplicate
        Assert.Equal(1, jb.Stats.Duplicates);
        Assert.Equal(1, jb.Stats.Late);
        Assert.Equal(2, jb.Stats.Received);
    }

    [Fact]
    public void A_missing_frame_asks_for_FEC_from_the_next_packet_and_a_late_arrival_is_then_dropped()
    {
        var jb = new JitterBuffer();
        var played = Simulate(jb, new[] { 0, 1, 3, 4 }.Select(f => (f, f * 20.0 + 5)), 6).Skip(2).ToList();

        Assert.Equal([JitterFrameKind.Packet, JitterFrameKind.Packet, JitterFrameKind.Fec, JitterFrameKind.Packet], played.Select(f => f.Kind));
        Assert.Equal(Seq(2), played[2].SequenceNumber);
        Assert.Equal(3, played[2].Payload.Span[0]); // the NEXT packet's payload, to decode with FEC
        Assert.Equal(3, played[3].Payload.Span[0]); // and then that packet normally
        Assert.False(Insert(jb, 2, 125));
        var s = jb.Stats;
        Assert.Equal((1L, 1L, 0L, 1L), (s.Lost, s.RecoveredByFec, s.Concealed, s.Late));
    }

    [Fact]
    public void Two_missing_frames_give_PLC_then_FEC()
    {
        var jb = new JitterBuffer();
        // t=40 runs dry (waits for 1); at t=60 packet 3 proves 1 and 2 lost: 1 concealed, 2 rebuilt from 3.
        var kinds = Simulate(jb, new[] { 0, 3 }.Select(f => (f, f * 20.0)), 6).Skip(1).Select(f => f.Kind);
        Assert.Equal([JitterFrameKind.Packet, JitterFrameKind.Conceal, JitterFrameKind.Conceal, JitterFrameKind.Fec, JitterFrameKind.Packet], kinds);
        Assert.Equal((2L, 1L, 2L), (jb.Stats.Lost, jb.Stats.RecoveredByFec, jb.Stats.Concealed));
    }

    [Fact]
    public void Running_dry_conceals_and_waits_so_the_delayed_packet_still_plays()
    {
        var jb = new JitterBuffer();
        Insert(jb, 0, 0);
        Assert.Equal(JitterFrameKind.Packet, jb.Next(Ms(20)).Kind);
        Assert.Equal(JitterFrameKind.Conceal, jb.Next(Ms(40)).Kind); // packet 1 is slow
        Insert(jb, 1, 55);
        var f = jb.Next(Ms(60));
        Assert.Equal((JitterFrameKind.Packet, Seq(1)), (f.Kind, f.SequenceNumber));
        Assert.Equal((0L, 0L, 1L), (jb.Stats.Lost, jb.Stats.Late, jb.Stats.Concealed));
    }

    [Fact]
    public void Steady_arrivals_keep_the_minimum_target_and_jitter_raises_it()
    {
        var steady = new JitterBuffer();
        for (var i = 0; i < 200; i++) Insert(steady, i, i * 20);
        Assert.Equal(20, steady.Stats.TargetDelayMs);
        Assert.True(steady.Stats.JitterMs < 0.01);

        var jittery = new JitterBuffer();
        var rng = new Random(7);
        for (var i = 0; i < 400; i++) Insert(jittery, i, i * 20 + rng.Next(0, 60));
        var s = jittery.Stats;
        Assert.InRange(s.JitterMs, 10, 40);
        Assert.Equal(Math.Clamp(3 * s.JitterMs, 20, 200), s.TargetDelayMs, 6);
        Assert.True(s.TargetDelayMs > 40);
    }

    [Fact]
    public void Target_delay_is_capped_at_200_ms()
    {
        var jb = new JitterBuffer();
        for (var i = 0; i < 200; i++) Insert(jb, i, i * 20 + (i % 2) * 400);
        Assert.Equal(200, jb.Stats.TargetDelayMs);
    }

    [Fact]
    public void Under_jitter_the_buffer_settles_near_its_target_and_loses_little()
    {
        var jb = new JitterBuffer();
        var rng = new Random(42);
        var arrivals = Enumerable.Range(0, 1500).Select(i => (Frame: i, At: i * 20.0 + rng.Next(0, 50))).OrderBy(a => a.At).ToList();
        var next = 0;
        var delays = new List<double>();
        for (var t = 0.0; t < 1500 * 20; t += 20)
        {
            while (next < arrivals.Count && arrivals[next].At <= t) { Insert(jb, arrivals[next].Frame, arrivals[next].At); next++; }
            jb.Next(Ms(t));
            if (t > 10_000) delays.Add(jb.Stats.CurrentDelayMs);
        }
        var s = jb.Stats;
        Assert.Equal(0, s.Duplicates);
        Assert.True(s.Lost + s.Late < 1500 * 0.03, s.ToString());
        Assert.InRange(delays.Average(), 20, s.TargetDelayMs + 60);
    }

    [Fact]
    public void A_burst_of_held_packets_above_the_target_is_shrunk_by_discarding()
    {
        var jb = new JitterBuffer();
        for (var i = 0; i < 12; i++) Insert(jb, i, i * 20);
        // Nothing pulled until 240 ms: 12 frames (240 ms) held against a 20 ms target.
        var played = Play(jb, 240, 12);
        Assert.True(jb.Stats.Discarded > 0);
        Assert.True(jb.Stats.CurrentDelayMs <= jb.Stats.TargetDelayMs + 40 + 20);
        Assert.Equal(12 - jb.Stats.Discarded, played.Count(f => f.Kind == JitterFrameKind.Packet));
    }

    [Fact]
    public void A_flood_beyond_capacity_is_dropped_not_stored()
    {
        var jb = new JitterBuffer(new JitterBufferOptions { MaxPackets = 8 });
        for (var i = 0; i < 20; i++) Insert(jb, i, 0);
        Assert.Equal(8, jb.Stats.Received);
        Assert.Equal(12, jb.Stats.Late);
    }

    [Fact]
    public void A_forward_sequence_jump_resyncs_instead_of_concealing_the_whole_gap()
    {
        var jb = new JitterBuffer();
        var played = Simulate(jb, new[] { (0, 0.0), (1, 20.0), (5000, 40.0), (5001, 60.0) }, 6);
        Assert.Equal(Seq(5000), played.First(f => f.Kind == JitterFrameKind.Packet && f.SequenceNumber != Seq(0) && f.SequenceNumber != Seq(1)).SequenceNumber);
        Assert.Equal(1, jb.Stats.Resyncs);
        Assert.True(jb.Stats.Concealed + jb.Stats.Lost < 5);
    }

    [Fact]
    public void A_sender_restarting_far_behind_starts_the_buffer_over()
    {
        var jb = new JitterBuffer();
        Simulate(jb, Enumerable.Range(3000, 10).Select(f => (f, (f - 3000) * 20.0)), 10);
        Assert.True(jb.Insert(Seq(0), Ts(0), Payload(0), Ms(300)));
        Assert.Equal(1, jb.Stats.Resyncs);
        Assert.Equal(0, jb.Stats.Late);
    }
}
