using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecureLink.WebRtc.Srtp;

namespace SecureLink.WebRtc.Rtp.Tests.Srtp;

public sealed class SrtpContextTests
{
    public static TheoryData<SrtpProfile> Profiles => new(SrtpTestKeys.Profiles);

    [Property(MaxTest = 200)]
    public bool Protect_then_unprotect_returns_the_packet(byte[] payload, uint ssrc, ushort seq, uint ts, bool gcm, bool marker)
    {
        var profile = gcm ? SrtpProfile.AeadAes128Gcm : SrtpProfile.Aes128CmHmacSha1_80;
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            var rtp = new RtpPacket { PayloadType = 111, Marker = marker, SequenceNumber = seq, Timestamp = ts, Ssrc = ssrc, Payload = payload }.ToArray();
            var srtp = tx.ProtectRtp(rtp)!;
            if (srtp.Length != rtp.Length + tx.RtpOverhead) return false;
            // The payload must not travel in the clear (skip the trivially short ones).
            if (payload.Length >= 8 && srtp.AsSpan(12, payload.Length).SequenceEqual(payload)) return false;
            return rx.UnprotectRtp(srtp) is { } back && back.AsSpan().SequenceEqual(rtp);
        }
    }

    [Property(MaxTest = 100)]
    public bool Srtcp_round_trips(byte[] body, uint ssrc, bool gcm, bool encrypt)
    {
        var profile = gcm ? SrtpProfile.AeadAes128Gcm : SrtpProfile.Aes128CmHmacSha1_80;
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            var rtcp = SrtpTestKeys.Rtcp(ssrc).Concat(body).ToArray();
            var output = new byte[rtcp.Length + tx.RtcpOverhead];
            if (tx.ProtectRtcp(rtcp, output, encrypt, out var n) != SrtpResult.Ok) return false;
            var back = new byte[n];
            return rx.UnprotectRtcp(output.AsSpan(0, n), back, out var m) == SrtpResult.Ok && back.AsSpan(0, m).SequenceEqual(rtcp);
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void A_stream_across_the_sequence_wrap_increments_the_rollover_counter(SrtpProfile profile)
    {
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            for (var i = 0; i < 200; i++)
            {
                var seq = (ushort)(65436 + i);
                var rtp = SrtpTestKeys.Rtp(seq);
                Assert.Equal(rtp, rx.UnprotectRtp(tx.ProtectRtp(rtp)!));
            }
            Assert.True(rx.TryGetRolloverCounter(0x11223344, out var roc));
            Assert.Equal(1u, roc);
            Assert.True(tx.TryGetRolloverCounter(0x11223344, out var txRoc));
            Assert.Equal(1u, txRoc);
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void Reordering_near_the_wrap_lands_every_packet_in_the_right_epoch(SrtpProfile profile)
    {
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            var sent = Enumerable.Range(0, 40).Select(i => (ushort)(65516 + i)).Select(s => (Seq: s, Rtp: SrtpTestKeys.Rtp(s))).ToList();
            var protectedPackets = sent.Select(p => (p.Seq, p.Rtp, Srtp: tx.ProtectRtp(p.Rtp)!)).ToList();
            // Deliver in a shuffled order with a fixed seed: post-wrap packets arrive before pre-wrap ones and back.
            // The receiver learns ROC 0 from the first packet (RFC 3711 §3.3.1), so that one comes first.
            var rng = new System.Random(7);
            Assert.Equal(protectedPackets[0].Rtp, rx.UnprotectRtp(protectedPackets[0].Srtp));
            foreach (var p in protectedPackets.Skip(1).OrderBy(_ => rng.Next()))
                Assert.Equal(p.Rtp, rx.UnprotectRtp(p.Srtp));
            Assert.Equal(40, rx.Unprotected);
            Assert.Equal(0, rx.AuthFailed);
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void A_replayed_packet_is_dropped_and_counted(SrtpProfile profile)
    {
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            var srtp = tx.ProtectRtp(SrtpTestKeys.Rtp(1000))!;
            Assert.NotNull(rx.UnprotectRtp(srtp));
            Assert.Equal(SrtpResult.Replayed, rx.UnprotectRtp(srtp, new byte[srtp.Length], out _));
            Assert.Equal(1, rx.Replayed);
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void A_packet_older_than_the_window_is_dropped_but_one_inside_it_is_accepted(SrtpProfile profile)
    {
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            var old = tx.ProtectRtp(SrtpTestKeys.Rtp(1000))!;
            var inside = tx.ProtectRtp(SrtpTestKeys.Rtp(1001))!;
            var newest = tx.ProtectRtp(SrtpTestKeys.Rtp((ushort)(1000 + SrtpReplayWindow.Size)))!;
            Assert.NotNull(rx.UnprotectRtp(newest));
            Assert.Null(rx.UnprotectRtp(old));
            Assert.Equal(1, rx.Replayed);
            Assert.NotNull(rx.UnprotectRtp(inside));
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void Flipping_any_bit_fails_authentication_or_parsing(SrtpProfile profile)
    {
        var key = SrtpTestKeys.Random(profile);
        using var tx = new SrtpContext(key);
        var srtp = tx.ProtectRtp(SrtpTestKeys.Rtp(5, payloadLength: 20))!;
        for (var bit = 0; bit < srtp.Length * 8; bit++)
        {
            using var rx = new SrtpContext(key);
            var forged = (byte[])srtp.Clone();
            forged[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = rx.UnprotectRtp(forged, new byte[forged.Length], out _);
            Assert.True(result is SrtpResult.AuthFailed or SrtpResult.Malformed, $"bit {bit}: {result}");
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void Flipping_any_bit_of_srtcp_fails(SrtpProfile profile)
    {
        var key = SrtpTestKeys.Random(profile);
        using var tx = new SrtpContext(key);
        var srtcp = tx.ProtectRtcp(SrtpTestKeys.Rtcp())!;
        for (var bit = 0; bit < srtcp.Length * 8; bit++)
        {
            using var rx = new SrtpContext(key);
            var forged = (byte[])srtcp.Clone();
            forged[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = rx.UnprotectRtcp(forged, new byte[forged.Length], out _);
            Assert.True(result is SrtpResult.AuthFailed or SrtpResult.Malformed, $"bit {bit}: {result}");
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void A_wrong_key_fails_authentication(SrtpProfile profile)
    {
        using var tx = new SrtpContext(SrtpTestKeys.Random(profile));
        using var rx = new SrtpContext(SrtpTestKeys.Random(profile));
        Assert.Null(rx.UnprotectRtp(tx.ProtectRtp(SrtpTestKeys.Rtp(1))!));
        Assert.Null(rx.UnprotectRtcp(tx.ProtectRtcp(SrtpTestKeys.Rtcp())!));
        Assert.Equal(2, rx.AuthFailed);
    }

    [Theory, MemberData(nameof(Profiles))]
    public void Truncated_packets_are_malformed_or_fail_authentication_never_throw(SrtpProfile profile)
    {
        var key = SrtpTestKeys.Random(profile);
        using var tx = new SrtpContext(key);
        using var rx = new SrtpContext(key);
        var srtp = tx.ProtectRtp(SrtpTestKeys.Rtp(9, payloadLength: 30))!;
        var srtcp = tx.ProtectRtcp(SrtpTestKeys.Rtcp())!;
        for (var n = 0; n < srtp.Length; n++)
            Assert.NotEqual(SrtpResult.Ok, rx.UnprotectRtp(srtp.AsSpan(0, n), new byte[srtp.Length], out _));
        for (var n = 0; n < srtcp.Length; n++)
            Assert.NotEqual(SrtpResult.Ok, rx.UnprotectRtcp(srtcp.AsSpan(0, n), new byte[srtcp.Length], out _));
        // Shorter than header + tag is malformed before any crypto runs.
        Assert.Equal(SrtpResult.Malformed, rx.UnprotectRtp(srtp.AsSpan(0, 12 + rx.RtpOverhead - 1), new byte[64], out _));
        Assert.Equal(SrtpResult.Malformed, rx.UnprotectRtcp(srtcp.AsSpan(0, 8 + rx.RtcpOverhead - 1), new byte[64], out _));
        Assert.True(rx.Malformed >= 2);
        Assert.Equal(0, rx.Unprotected);
    }

    [Property(MaxTest = 300)]
    public bool Garbage_never_throws_and_never_authenticates(byte[] garbage, bool gcm)
    {
        var profile = gcm ? SrtpProfile.AeadAes128Gcm : SrtpProfile.Aes128CmHmacSha1_80;
        using var rx = new SrtpContext(SrtpTestKeys.Random(profile));
        var output = new byte[garbage.Length];
        return rx.UnprotectRtp(garbage, output, out _) != SrtpResult.Ok
            && rx.UnprotectRtcp(garbage, output, out _) != SrtpResult.Ok;
    }

    [Theory, MemberData(nameof(Profiles))]
    public void Srtcp_index_starts_at_zero_counts_up_and_replays_are_dropped(SrtpProfile profile)
    {
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            var packets = Enumerable.Range(0, 5).Select(_ => tx.ProtectRtcp(SrtpTestKeys.Rtcp())!).ToList();
            for (var i = 0; i < packets.Count; i++)
            {
                var trailer = profile == SrtpProfile.AeadAes128Gcm ? packets[i].AsSpan(packets[i].Length - 4) : packets[i].AsSpan(packets[i].Length - 14, 4);
                Assert.Equal(0x8000_0000u | (uint)i, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(trailer));
            }
            Assert.NotNull(rx.UnprotectRtcp(packets[3]));
            Assert.NotNull(rx.UnprotectRtcp(packets[1]));
            Assert.Null(rx.UnprotectRtcp(packets[3]));
            Assert.Equal(1, rx.Replayed);
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void In_place_protect_and_unprotect_work(SrtpProfile profile)
    {
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            var rtp = SrtpTestKeys.Rtp(77);
            var buffer = new byte[rtp.Length + tx.RtpOverhead];
            rtp.CopyTo(buffer, 0);
            Assert.Equal(SrtpResult.Ok, tx.ProtectRtp(buffer.AsSpan(0, rtp.Length), buffer, out var n));
            Assert.Equal(SrtpResult.Ok, rx.UnprotectRtp(buffer.AsSpan(0, n), buffer, out var m));
            Assert.Equal(rtp, buffer[..m]);
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void Too_small_a_destination_is_reported_not_overrun(SrtpProfile profile)
    {
        using var tx = new SrtpContext(SrtpTestKeys.Random(profile));
        var rtp = SrtpTestKeys.Rtp(1);
        Assert.Equal(SrtpResult.BufferTooSmall, tx.ProtectRtp(rtp, new byte[rtp.Length + tx.RtpOverhead - 1], out _));
    }

    [Theory, MemberData(nameof(Profiles))]
    public void Streams_with_different_ssrcs_keep_separate_state(SrtpProfile profile)
    {
        var (tx, rx) = SrtpTestKeys.Pair(profile);
        using (tx) using (rx)
        {
            // Same sequence number on two SSRCs is not a replay.
            Assert.NotNull(rx.UnprotectRtp(tx.ProtectRtp(SrtpTestKeys.Rtp(10, ssrc: 1))!));
            Assert.NotNull(rx.UnprotectRtp(tx.ProtectRtp(SrtpTestKeys.Rtp(10, ssrc: 2))!));
            Assert.Equal(0, rx.Replayed);
        }
    }

    [Fact]
    public void A_forged_packet_does_not_move_the_rollover_counter()
    {
        var (tx, rx) = SrtpTestKeys.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        using (tx) using (rx)
        {
            Assert.NotNull(rx.UnprotectRtp(tx.ProtectRtp(SrtpTestKeys.Rtp(60000))!));
            // A forged packet claiming seq 10 would push ROC to 1 if it were believed.
            var forged = SrtpTestKeys.Rtp(10).Concat(new byte[10]).ToArray();
            Assert.Null(rx.UnprotectRtp(forged));
            Assert.True(rx.TryGetRolloverCounter(0x11223344, out var roc));
            Assert.Equal(0u, roc);
            Assert.NotNull(rx.UnprotectRtp(tx.ProtectRtp(SrtpTestKeys.Rtp(60001))!));
        }
    }

    [Fact]
    public void Session_from_dtls_pairs_client_write_with_server_read()
    {
        var ck = new byte[16]; var cs = new byte[14]; var sk = new byte[16]; var ss = new byte[14];
        ck[0] = 1; sk[0] = 2;
        using var client = SrtpSession.FromDtls(SrtpProfile.Aes128CmHmacSha1_80, true, ck, cs, sk, ss);
        using var server = SrtpSession.FromDtls(SrtpProfile.Aes128CmHmacSha1_80, false, ck, cs, sk, ss);
        var rtp = SrtpTestKeys.Rtp(3);
        Assert.Equal(rtp, server.Inbound.UnprotectRtp(client.Outbound.ProtectRtp(rtp)!));
        Assert.Equal(rtp, client.Inbound.UnprotectRtp(server.Outbound.ProtectRtp(rtp)!));
        Assert.Null(client.Inbound.UnprotectRtp(client.Outbound.ProtectRtp(SrtpTestKeys.Rtp(4))!));
    }

    [Fact]
    public void Master_key_of_the_wrong_length_is_refused_and_never_printed()
    {
        Assert.Throws<ArgumentException>(() => new SrtpMasterKey(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[14]));
        var key = new SrtpMasterKey(SrtpProfile.AeadAes128Gcm, Enumerable.Repeat((byte)0xAB, 16).ToArray(), new byte[12]);
        Assert.DoesNotContain("AB", key.ToString().ToUpperInvariant().Replace("AEAD", ""));
    }
}
