using SecureLink.Rooms.Nearby;

namespace SecureLink.Nearby.Tests;

/// <summary>The DNS wire format as the LAN may hand it to us: our own records round-trip, and hostile packets are refused with MdnsFormatException only.</summary>
public sealed class MdnsWireTests
{
    private static readonly string Invite = "SLI" + new string('A', 600);

    [Fact]
    public void A_room_advert_round_trips_with_the_invite_in_chunks()
    {
        var advert = new NearbyAdvert("Amber Otter", Invite, DateTimeOffset.UtcNow.AddMinutes(5));
        var message = MdnsWire.Read(MdnsWire.WriteResponse(advert.Records(120)));
        Assert.True(message.IsResponse);
        Assert.Equal(2, message.Answers.Count);
        var ptr = message.Answers[0];
        Assert.Equal((MdnsType.Ptr, "_securelink._udp.local", "Amber Otter._securelink._udp.local", false), (ptr.Type, ptr.Name, ptr.Target, ptr.CacheFlush));
        var txt = message.Answers[1];
        Assert.True(txt.CacheFlush);
        Assert.Equal(120u, txt.TtlSeconds);
        Assert.Equal(4, txt.Strings.Count); // v=1 and three chunks of at most 240
        Assert.All(txt.Strings, s => Assert.True(s.Length <= 255));
        Assert.Equal(Invite, NearbyNames.FromTxt(NearbyNames.InviteKey, txt.Strings));
        Assert.Equal(0u, MdnsWire.Read(MdnsWire.WriteResponse(advert.Records(0))).Answers[1].TtlSeconds);
    }

    [Fact]
    public void A_query_with_a_known_answer_round_trips()
    {
        var q = MdnsWire.Read(MdnsWire.WriteQuery([new MdnsQuestion(NearbyNames.RoomService, MdnsType.Ptr)],
            [MdnsRecord.Ptr(NearbyNames.RoomService, NearbyNames.RoomInstance("Quiet Fox"), 90)]));
        Assert.False(q.IsResponse);
        Assert.Equal(new MdnsQuestion("_securelink._udp.local", MdnsType.Ptr), Assert.Single(q.Questions));
        Assert.Equal(90u, Assert.Single(q.Answers).TtlSeconds);
    }

    [Fact]
    public void Compressed_names_are_read_and_pointer_loops_refused()
    {
        // Header (1 answer) + "_securelink._udp.local" at 12, then a PTR whose target is "X" + pointer to 12.
        byte[] name = [11, .. "_securelink"u8, 4, .. "_udp"u8, 5, .. "local"u8, 0];
        byte[] header = [0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0];
        byte[] rdata = [1, (byte)'X', 0xC0, 12];
        byte[] packet = [.. header, .. name, 0, 12, 0, 1, 0, 0, 0, 60, 0, (byte)rdata.Length, .. rdata];
        var ptr = Assert.Single(MdnsWire.Read(packet).Answers);
        Assert.Equal("X._securelink._udp.local", ptr.Target);

        byte[] loop = [.. header, 0xC0, 12, 0, 12, 0, 1, 0, 0, 0, 60, 0, 0];
        Assert.Throws<MdnsFormatException>(() => MdnsWire.Read(loop));
        byte[] forward = [.. header, 0xC0, 40, 0, 12, 0, 1, 0, 0, 0, 60, 0, 0];
        Assert.Throws<MdnsFormatException>(() => MdnsWire.Read(forward));
    }

    [Fact]
    public void Truncated_and_random_packets_throw_only_MdnsFormatException()
    {
        var good = MdnsWire.WriteResponse(new NearbyAdvert("Amber Otter", Invite, DateTimeOffset.UtcNow.AddMinutes(5)).Records(120));
        for (var cut = 0; cut < good.Length; cut++)
        {
            var part = good.AsSpan(0, cut).ToArray();
            var e = Record.Exception(() => MdnsWire.Read(part));
            Assert.True(e is null or MdnsFormatException, $"cut at {cut}: {e?.GetType().Name}");
        }
        var random = new Random(6762);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])good.Clone();
            for (var k = 0; k < 4; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var e = Record.Exception(() => MdnsWire.Read(bytes));
            Assert.True(e is null or MdnsFormatException, $"{e?.GetType().Name}: {e?.Message}");
        }
    }

    [Fact]
    public void Chunks_that_are_missing_repeated_or_unversioned_give_no_code()
    {
        Assert.Equal("ABCDEF", NearbyNames.FromTxt("i", ["v=1", "i1=DEF", "i0=ABC"]));
        Assert.Null(NearbyNames.FromTxt("i", ["v=1", "i0=ABC", "i2=DEF"]));
        Assert.Null(NearbyNames.FromTxt("i", ["v=1", "i0=ABC", "i0=DEF"]));
        Assert.Null(NearbyNames.FromTxt("i", ["i0=ABC"]));
        Assert.Null(NearbyNames.FromTxt("i", ["v=1"]));
        Assert.Equal("Amber Otter", NearbyNames.InstanceOf("Amber Otter._securelink._udp.local", NearbyNames.RoomService));
        Assert.Null(NearbyNames.InstanceOf("a.b._securelink._udp.local", NearbyNames.RoomService));
        Assert.Null(NearbyNames.InstanceOf("_securelink._udp.local", NearbyNames.RoomService));
    }

    [Fact]
    public void Labels_are_two_words_and_vary()
    {
        var labels = Enumerable.Range(0, 200).Select(_ => RoomLabel.Draw()).ToList();
        Assert.All(labels, l => Assert.Matches("^[A-Z][a-z]+ [A-Z][a-z]+$", l));
        Assert.All(labels, l => Assert.True(RoomLabel.IsShowable(l)));
        Assert.True(labels.Distinct().Count() > 150);
        Assert.False(RoomLabel.IsShowable("evil.label"));
    }
}
