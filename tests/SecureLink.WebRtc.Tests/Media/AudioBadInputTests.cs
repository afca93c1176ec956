using System.Buffers.Binary;
using SecureLink.WebRtc.Media;
using SecureLink.WebRtc.Rtcp;
using SecureLink.WebRtc.Rtp;
using SecureLink.WebRtc.Srtp;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.Media;

/// <summary>
/// Hostile datagrams injected into the real UDP path, from the sender's own socket (the selected
/// pair, so ICE lets them through): garbage, forged SRTP/SRTCP, a replay, packets properly
/// keyed (the test holds the sender's DTLS-exported keys) but with a foreign SSRC or payload
/// type or a malformed RTCP body, and oversize datagrams. Each is dropped and counted once, none
/// reaches Received, and the real stream goes on around them.
/// </summary>
public sealed class AudioBadInputTests
{
    private const byte Mark = 0xEE; // every injected payload is filled with it

    [IsolatedFact]
    public async Task Every_bad_datagram_is_dropped_and_counted_and_the_stream_goes_on()
    {
        using var cts = Bounded.Timeout();
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token);
        var sender = pair.Offerer.AudioChannel!;
        var receiver = pair.Answerer.AudioChannel!;
        var wire = pair.Offerer.Demux!.Rtp; // the sender's real socket, towards the receiver
        await AudioStreamer.SendAsync(sender, 0, 20, 0, cts.Token, pacingMs: 2);
        var first = await AudioStreamer.ReceiveAsync(receiver, 20, cts.Token);
        Assert.Equal(0, receiver.GetStatistics().Dropped);

        // A second keyed context standing in for someone holding the sender's keys (or a stale
        // packet of its own): what it makes authenticates, so only the checks after SRTP stop it.
        var keys = pair.Offerer.SrtpKeys!;
        using var forger = SrtpSession.FromDtls((SrtpProfile)(int)keys.Profile, isDtlsClient: IsDtlsClient(pair),
            [.. keys.ClientMasterKey], [.. keys.ClientMasterSalt], [.. keys.ServerMasterKey], [.. keys.ServerMasterSalt]);
        var random = new Random(6);
        var bad = new List<byte[]>
        {
            Garbage(random, 0x80, 120),                                                  // RTP-looking garbage
            Garbage(random, 0xBF, 13),                                                    // first byte 191, too short to mean anything
            Forged(sender.LocalSsrc, first[^1].SequenceNumber + 1, random),             // right SSRC and next seq, random tag
            forger.Outbound.ProtectRtp(Rtp(sender.LocalSsrc, first[3].SequenceNumber, 111))!, // a replay of an index already seen
            forger.Outbound.ProtectRtp(Rtp(0x1234_5678, 7, 111))!,                        // authenticates, but not the latched SSRC
            forger.Outbound.ProtectRtp(Rtp(0x1234_5679, 7, 0))!,                          // authenticates, wrong payload type
            Oversize(forger, sender.LocalSsrc),                                           // 1600 bytes, keyed
            Garbage(random, 0x80, 4000),                                                  // 4000 bytes of garbage
            Rtcp(random, forged: true),                                                   // SRTCP with a random tag
            Garbage(random, 0x81, 40, secondByte: 200),                                   // RTCP-looking garbage
            forger.Outbound.ProtectRtcp(MalformedRtcp())!,                                // authenticates, body does not parse
        };
        foreach (var d in bad) await wire.SendAsync(d, cts.Token);

        await AudioStreamer.SendAsync(sender, 20, 20, 0, cts.Token, pacingMs: 2);
        var after = await AudioStreamer.ReceiveAsync(receiver, 20, cts.Token);
        for (var i = 0; i < 20; i++) Assert.Equal(20 + i, AudioStreamer.Number(after[i].Payload));
        var stats = await AudioStreamer.WaitStatisticsAsync(receiver, s => s.Dropped >= bad.Count, cts.Token);
        await Task.Delay(200, cts.Token); // nothing else may trickle in
        var final = receiver.GetStatistics();
        Assert.Equal(bad.Count, final.Dropped);
        // Garbage RTP and RTCP, the forged RTP and the forged SRTCP fail authentication; only the
        // replay is a replay; the keyed ones reach the checks after SRTP (so the forger's keys were right).
        Assert.Equal(4, final.DroppedUnauthenticated);
        Assert.Equal(1, final.DroppedReplays);
        Assert.Equal(40, stats.PacketsReceived);
        Assert.False(receiver.Received.TryRead(out _));
        Assert.Equal(sender.LocalSsrc, stats.RemoteSsrc);
        Assert.Equal(PeerConnectionState.Connected, pair.Answerer.ConnectionState);
    }

    [IsolatedFact]
    public async Task Srtp_recorded_in_one_session_is_refused_by_the_next_and_the_new_stream_goes_on()
    {
        using var cts = Bounded.Timeout();
        // Session 1: what an eavesdropper records. A context with the session's own keys makes
        // byte-for-byte the datagrams the sender put on the wire for those sequence numbers.
        var recorded = new List<byte[]>();
        await using (var first = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token))
        {
            var keys = first.Offerer.SrtpKeys!;
            using var wireCopy = SrtpSession.FromDtls((SrtpProfile)(int)keys.Profile, isDtlsClient: IsDtlsClient(first),
                [.. keys.ClientMasterKey], [.. keys.ClientMasterSalt], [.. keys.ServerMasterKey], [.. keys.ServerMasterSalt]);
            for (var seq = 0; seq < 10; seq++) recorded.Add(wireCopy.Outbound.ProtectRtp(Rtp(first.Offerer.AudioChannel!.LocalSsrc, seq, 111))!);
        }

        // Session 2, fresh keys: the recording is replayed at the receiver from the sender's own path.
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token);
        var sender = pair.Offerer.AudioChannel!;
        var receiver = pair.Answerer.AudioChannel!;
        foreach (var d in recorded) await pair.Offerer.Demux!.Rtp.SendAsync(d, cts.Token);
        await AudioStreamer.SendAsync(sender, 0, 20, 0, cts.Token, pacingMs: 2);
        var got = await AudioStreamer.ReceiveAsync(receiver, 20, cts.Token);
        for (var i = 0; i < 20; i++) Assert.Equal(i, AudioStreamer.Number(got[i].Payload));
        await AudioStreamer.WaitStatisticsAsync(receiver, s => s.Dropped >= recorded.Count, cts.Token);
        var stats = receiver.GetStatistics();
        Assert.Equal(recorded.Count, stats.DroppedUnauthenticated);
        Assert.Equal(recorded.Count, stats.Dropped);
        Assert.Equal(sender.LocalSsrc, stats.RemoteSsrc);
        Assert.False(receiver.Received.TryRead(out _));
    }

    private static bool IsDtlsClient(OurPair pair) =>
        // An answer saying a=setup:active makes the offerer the DTLS server; passive, the client.
        pair.Answer.Contains("a=setup:passive");

    private static byte[] Rtp(uint ssrc, int sequence, byte payloadType) => new RtpPacket
    {
        PayloadType = payloadType,
        SequenceNumber = (ushort)sequence,
        Timestamp = 1,
        Ssrc = ssrc,
        Payload = Enumerable.Repeat(Mark, 40).ToArray(),
    }.ToArray();

    private static byte[] Forged(uint ssrc, int sequence, Random random)
    {
        var rtp = Rtp(ssrc, sequence, 111);
        var tag = new byte[16];
        random.NextBytes(tag);
        return [.. rtp, .. tag];
    }

    private static byte[] Oversize(SrtpSession forger, uint ssrc)
    {
        var rtp = new RtpPacket { PayloadType = 111, SequenceNumber = 9, Ssrc = ssrc ^ 1, Payload = Enumerable.Repeat(Mark, 1600).ToArray() }.ToArray();
        return forger.Outbound.ProtectRtp(rtp)!;
    }

    private static byte[] Garbage(Random random, byte first, int length, byte? secondByte = null)
    {
        var g = new byte[length];
        random.NextBytes(g);
        g[0] = first;
        // Keep RTP-looking garbage out of the RTCP range, and the other way round, so each kind is tested.
        g[1] = secondByte ?? (byte)(g[1] & 0x3F);
        return g;
    }

    private static byte[] Rtcp(Random random, bool forged)
    {
        var rr = RtcpCompoundPacket.ToArray(new RtcpReceiverReport { Ssrc = 42 });
        var trailer = new byte[4 + 16];
        random.NextBytes(trailer);
        trailer[0] |= 0x80; // E flag set: "encrypted"
        return forged ? [.. rr, .. trailer] : rr;
    }

    private static byte[] MalformedRtcp()
    {
        // An RR header whose length word claims more than the packet holds.
        var b = new byte[12];
        b[0] = 0x81;
        b[1] = RtcpPacketType.ReceiverReport;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), 9);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), 42);
        return b;
    }
}
