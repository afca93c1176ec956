using FsCheck;
using FsCheck.Xunit;
using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests;

public class CodecTests
{
    private static T RoundTrip<T>(Chunk chunk) where T : Chunk
    {
        var bytes = new SctpPacket(5000, 5000, 0x11223344, [chunk]).ToArray();
        Assert.True(SctpPacket.TryParse(bytes, out var packet, out var error), error.ToString());
        Assert.Equal(0x11223344u, packet!.VerificationTag);
        var parsed = Assert.IsType<T>(Assert.Single(packet.Chunks));
        Assert.Equal(bytes, new SctpPacket(5000, 5000, 0x11223344, [parsed]).ToArray());
        return parsed;
    }

    [Property(MaxTest = 300)]
    public void Data_chunk_round_trips(uint tsn, ushort stream, ushort ssn, uint ppid, NonEmptyArray<byte> payload, bool b, bool e, bool u)
    {
        var data = payload.Get.Length > 1100 ? payload.Get[..1100] : payload.Get;
        var c = RoundTrip<DataChunk>(new DataChunk(tsn, stream, ssn, ppid, data, b, e, u));
        Assert.Equal((tsn, stream, ssn, ppid, b, e, u), (c.Tsn, c.StreamId, c.Ssn, c.Ppid, c.Beginning, c.Ending, c.Unordered));
        Assert.Equal(data, c.Payload.ToArray());
    }

    [Property(MaxTest = 200)]
    public void Sack_round_trips(uint cum, uint rwnd, (ushort, ushort)[] gaps, uint[] dups)
    {
        var g = gaps.Take(40).Select(x => new GapAckBlock(x.Item1, x.Item2)).ToArray();
        var d = dups.Take(40).ToArray();
        var c = RoundTrip<SackChunk>(new SackChunk(cum, rwnd, g, d));
        Assert.Equal(cum, c.CumulativeTsnAck);
        Assert.Equal(rwnd, c.AdvertisedReceiverWindow);
        Assert.Equal(g, c.GapAckBlocks);
        Assert.Equal(d, c.DuplicateTsns);
    }

    [Property(MaxTest = 200)]
    public void Init_round_trips(PositiveInt tag, uint rwnd, PositiveInt tsn, bool ack, byte[] cookie)
    {
        var p = new List<Parameter> { new(Parameter.SupportedExtensions, [0x82, 0xC0]), new(Parameter.ForwardTsnSupported, []) };
        if (ack) p.Insert(0, new Parameter(Parameter.StateCookie, cookie.Take(200).ToArray()));
        var c = RoundTrip<InitChunk>(new InitChunk(ack, (uint)tag.Get, rwnd, 1024, 2048, (uint)tsn.Get, p));
        Assert.Equal(ack, c.IsAck);
        Assert.Equal((uint)tag.Get, c.InitiateTag);
        Assert.Equal((ushort)1024, c.OutboundStreams);
        Assert.True(c.SupportsReconfig);
        Assert.True(c.SupportsForwardTsn);
        if (ack) Assert.Equal(cookie.Take(200).ToArray(), c.StateCookie);
    }

    [Property(MaxTest = 200)]
    public void Forward_tsn_round_trips(uint cum, (ushort, ushort)[] streams)
    {
        var s = streams.Take(50).Select(x => new ForwardTsnStream(x.Item1, x.Item2)).ToArray();
        var c = RoundTrip<ForwardTsnChunk>(new ForwardTsnChunk(cum, s));
        Assert.Equal(cum, c.NewCumulativeTsn);
        Assert.Equal(s, c.Streams);
    }

    [Property(MaxTest = 200)]
    public void Reconfig_round_trips(uint req, uint resp, uint last, ushort[] streams, bool withResponse)
    {
        var list = new List<ReconfigParameter> { new OutgoingResetRequest(req, resp, last, streams.Take(30).ToArray()) };
        if (withResponse) list.Add(new ReconfigResponse(resp, ReconfigResult.InProgress));
        var c = RoundTrip<ReconfigChunk>(new ReconfigChunk(list));
        Assert.Equal(list, c.Parameters);
    }

    [Fact]
    public void Control_chunks_round_trip()
    {
        Assert.Equal(77u, RoundTrip<ShutdownChunk>(new ShutdownChunk(77)).CumulativeTsnAck);
        RoundTrip<ShutdownAckChunk>(new ShutdownAckChunk());
        Assert.True(RoundTrip<ShutdownCompleteChunk>(new ShutdownCompleteChunk(true)).TagReflected);
        RoundTrip<CookieAckChunk>(new CookieAckChunk());
        Assert.Equal(new byte[] { 1, 2, 3 }, RoundTrip<CookieEchoChunk>(new CookieEchoChunk([1, 2, 3])).Cookie);
        var abort = RoundTrip<AbortChunk>(new AbortChunk([new ErrorCause(ErrorCause.UserInitiatedAbort, [9, 9])], true));
        Assert.True(abort.TagReflected);
        Assert.Equal(ErrorCause.UserInitiatedAbort, abort.Causes[0].Code);
        Assert.Equal(ErrorCause.StaleCookie, RoundTrip<ErrorChunk>(new ErrorChunk([new ErrorCause(ErrorCause.StaleCookie, [0, 0, 0, 1])])).Causes[0].Code);
        var info = new byte[] { 0, 1, 0, 8, 0xAA, 0xBB, 0xCC, 0xDD };
        Assert.Equal(info, RoundTrip<HeartbeatChunk>(new HeartbeatChunk(false, info)).Info);
    }

    [Fact]
    public void Parses_an_aiortc_init()
    {
        Assert.True(SctpPacket.TryParse(Convert.FromHexString(Crc32cTests.AiortcInit), out var p, out _));
        var init = Assert.IsType<InitChunk>(Assert.Single(p!.Chunks));
        Assert.Equal(0x01020304u, init.InitiateTag);
        Assert.Equal(0x0a0b0c0du, init.InitialTsn);
        Assert.True(init.SupportsReconfig && init.SupportsForwardTsn);
    }

    [Fact]
    public void Parses_a_usrsctp_style_init_with_auth_parameters_it_does_not_implement()
    {
        // Laid out per RFC 9260 §3.3.2 as usrsctp (Chromium) sends it: ECN capable (0x8000), Forward-TSN (0xC000),
        // Supported Extensions, RANDOM (0x8002), CHUNKS (0x8003), HMAC-ALGO (0x8004), Supported Address Types (12).
        var hex = "0000000000000000" + "00000000" // header, checksum filled below
            + "01000068" + "a1b2c3d4" + "00100000" + "04000400" + "00000001"
            + "80000004" + "c0000004" + "80080009c0c1800f82000000"
            + "80020024" + string.Concat(Enumerable.Repeat("11", 32))
            + "80030006c1000000" + "8004000600010000" + "000c00060005" + "0000";
        var bytes = Convert.FromHexString(hex);
        bytes[1] = 0x88; bytes[0] = 0x13; bytes[2] = 0x13; bytes[3] = 0x88;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), (ushort)(bytes.Length - 12 - 2));
        Crc32c.WritePacketChecksum(bytes);
        Assert.True(SctpPacket.TryParse(bytes, out var p, out var error), error.ToString());
        var init = Assert.IsType<InitChunk>(Assert.Single(p!.Chunks));
        Assert.Equal(0xa1b2c3d4u, init.InitiateTag);
        Assert.Equal(0x00100000u, init.AdvertisedReceiverWindow);
        Assert.True(init.SupportsReconfig);
        Assert.True(init.SupportsForwardTsn);
    }

    [Fact]
    public void Bad_checksum_truncation_and_bad_lengths_are_refused_with_a_reason()
    {
        var good = new SctpPacket(5000, 5000, 1, [new DataChunk(1, 0, 0, 51, new byte[] { 1, 2, 3, 4, 5 })]).ToArray();
        var bad = (byte[])good.Clone();
        bad[^1] ^= 0xFF;
        Assert.False(SctpPacket.TryParse(bad, out _, out var e1));
        Assert.Equal(PacketError.BadChecksum, e1);
        Assert.False(SctpPacket.TryParse(good.AsSpan(0, 10), out _, out var e2));
        Assert.Equal(PacketError.TooShort, e2);
        var longer = (byte[])good.Clone();
        longer[15] = 200; // chunk length past the end
        Crc32c.WritePacketChecksum(longer);
        Assert.False(SctpPacket.TryParse(longer, out _, out var e3));
        Assert.Equal(PacketError.BadChunkLength, e3);
        var empty = new SctpPacket(5000, 5000, 1, [new DataChunk(1, 0, 0, 51, Array.Empty<byte>())]).ToArray();
        Assert.False(SctpPacket.TryParse(empty, out _, out var e4));
        Assert.Equal(PacketError.MalformedChunk, e4);
    }

    [Fact]
    public void Unknown_chunk_types_follow_the_high_bit_rules()
    {
        var skip = new UnknownChunk(0xC5, 0, [1, 2, 3]);
        var stop = new UnknownChunk(0x3F, 0, [1]);
        var sack = new SackChunk(5, 100, [], []);
        Assert.True(SctpPacket.TryParse(new SctpPacket(1, 2, 3, [skip, sack]).ToArray(), out var p1, out _));
        Assert.Equal(2, p1!.Chunks.Count);
        Assert.True(SctpPacket.TryParse(new SctpPacket(1, 2, 3, [stop, sack]).ToArray(), out var p2, out _));
        Assert.IsType<UnknownChunk>(Assert.Single(p2!.Chunks));
    }

    // Random chunk bodies behind a valid header and checksum: the parser must answer, never throw.
    [Property(MaxTest = 3000)]
    public void Parser_never_throws_on_garbage(byte[] body, byte type)
    {
        var bytes = new byte[12 + 4 + body.Length];
        bytes[12] = (byte)(type % 16 == 15 ? 192 : type % 16);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), (ushort)Math.Min(4 + body.Length, 65535));
        body.CopyTo(bytes, 16);
        Crc32c.WritePacketChecksum(bytes);
        SctpPacket.TryParse(bytes, out _, out _);
        SctpPacket.TryParse(bytes.AsSpan(0, bytes.Length / 2), out _, out _);
    }

    // Valid packets cut short or with a byte flipped (checksum fixed so the chunk parser sees it).
    [Property(MaxTest = 2000)]
    public void Parser_never_throws_on_mutated_packets(int seed)
    {
        var random = new Random(seed);
        Chunk[] samples =
        [
            new InitChunk(true, 5, 6, 7, 8, 9, [new Parameter(Parameter.StateCookie, new byte[40])]),
            new SackChunk(1, 2, [new GapAckBlock(2, 3)], [7]),
            new ReconfigChunk([new OutgoingResetRequest(1, 2, 3, [4, 5])]),
            new ForwardTsnChunk(4, [new ForwardTsnStream(1, 2)]),
            new DataChunk(1, 2, 3, 4, new byte[] { 1, 2, 3 }),
            new HeartbeatChunk(false, [0, 1, 0, 5, 9, 0, 0, 0]),
        ];
        var bytes = new SctpPacket(1, 2, 3, [samples[random.Next(samples.Length)]]).ToArray();
        bytes[12 + random.Next(bytes.Length - 12)] = (byte)random.Next(256);
        var cut = random.Next(12, bytes.Length + 1);
        var mutated = bytes[..cut];
        Crc32c.WritePacketChecksum(mutated);
        SctpPacket.TryParse(mutated, out _, out _);
    }
}
