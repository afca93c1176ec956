using SecureLink.WebRtc.Rtcp;
using SecureLink.WebRtc.Srtp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Rtp.Tests.Srtp;

/// <summary>
/// SRTP and SRTCP muxed on one in-memory link that drops, duplicates and reorders, across a
/// sequence wrap: every packet that arrives is accepted exactly once, every duplicate is counted as
/// a replay, nothing fails authentication, and the receiver statistics see exactly the loss.
/// </summary>
public sealed class SrtpOverLossyPipeTests
{
    public static TheoryData<SrtpProfile> Profiles => new(SrtpTestKeys.Profiles);

    [Theory, MemberData(nameof(Profiles))]
    public async Task A_hostile_link_loses_packets_but_never_corrupts_or_replays_them(SrtpProfile profile)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var key = SrtpTestKeys.Random(profile);
        using var tx = new SrtpContext(key);
        using var rx = new SrtpContext(key);
        var (a, b) = DatagramPipe.Create(new PipeImpairment(LossRate: 0.1, DuplicateRate: 0.1, ReorderRate: 0.2, Seed: 42));
        await using var _a = a;
        await using var _b = b;

        const int count = 1500;
        var buffer = new byte[1200];
        for (var i = 0; i < count; i++)
        {
            var seq = (ushort)(65000 + i); // wraps after 536 packets
            var rtp = SrtpTestKeys.Rtp(seq, payloadLength: 160, timestamp: (uint)(i * 960));
            Assert.Equal(SrtpResult.Ok, tx.ProtectRtp(rtp, buffer, out var n));
            await a.SendAsync(buffer.AsMemory(0, n), timeout.Token);
            if (i % 100 == 0)
            {
                var rr = RtcpCompoundPacket.ToArray(new RtcpReceiverReport { Ssrc = 0x11223344 }, RtcpSourceDescription.ForCName(0x11223344, "cname"));
                Assert.Equal(SrtpResult.Ok, tx.ProtectRtcp(rr, buffer, out n));
                await a.SendAsync(buffer.AsMemory(0, n), timeout.Token);
            }
        }

        var seen = new HashSet<ushort>();
        var stats = new RtpReceiverStatistics(0x11223344, 48000);
        int rtcpOk = 0, datagrams = 0;
        var plain = new byte[1200];
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            idle.CancelAfter(TimeSpan.FromMilliseconds(300));
            int n;
            try { n = await b.ReceiveAsync(buffer, idle.Token); }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested) { break; }
            datagrams++;
            var datagram = buffer.AsSpan(0, n);
            if (RtcpMux.IsRtcp(datagram))
            {
                if (rx.UnprotectRtcp(datagram, plain, out var m) == SrtpResult.Ok)
                {
                    Assert.True(RtcpCompoundPacket.TryParse(plain.AsSpan(0, m), out var packets));
                    Assert.Equal("cname", Assert.IsType<RtcpSourceDescription>(packets[1]).GetCName(0x11223344));
                    rtcpOk++;
                }
                continue;
            }
            Assert.True(RtcpMux.IsRtp(datagram));
            if (rx.UnprotectRtp(datagram, plain, out var len) != SrtpResult.Ok) continue;
            Assert.True(RtpHeader.TryParse(plain.AsSpan(0, len), out var h));
            Assert.True(seen.Add(h.SequenceNumber), $"seq {h.SequenceNumber} accepted twice");
            Assert.Equal(SrtpTestKeys.Rtp(h.SequenceNumber, payloadLength: 160, timestamp: h.Timestamp), plain[..len]);
            stats.OnPacket(h.SequenceNumber, h.Timestamp, TimeSpan.FromMilliseconds(datagrams));
        }

        Assert.Equal(0, rx.AuthFailed);
        Assert.Equal(0, rx.Malformed);
        Assert.Equal(datagrams, rx.Unprotected + rx.Replayed);
        Assert.True(rx.Replayed > 50, $"duplicates should have been seen, replayed = {rx.Replayed}");
        Assert.InRange(seen.Count, count * 0.8, count * 0.97);
        Assert.True(rtcpOk >= 10);
        Assert.True(rx.TryGetRolloverCounter(0x11223344, out var roc));
        Assert.Equal(1u, roc);
        // Loss between the first and last packet received; a reordered first packet may shift the
        // statistics' base (§A.1 starts at the first arrival), hence the slack of a few.
        var offsets = seen.Select(q => (ushort)(q - 65000)).ToList();
        var lostInside = offsets.Max() - offsets.Min() + 1 - seen.Count;
        Assert.InRange(stats.CumulativeLost, lostInside - 2, lostInside + 2);
    }
}
