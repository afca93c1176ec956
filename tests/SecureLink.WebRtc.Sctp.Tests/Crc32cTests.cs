using System.Text;
using SecureLink.WebRtc.Sctp.Packet;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests;

public class Crc32cTests
{
    public static TheoryData<byte[], uint> Rfc3720Vectors()
    {
        var inc = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        return new TheoryData<byte[], uint>
        {
            { new byte[32], 0x8A9136AA },
            { Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43 },
            { inc, 0x46DD794E },
            { inc.Reverse().ToArray(), 0x113FDB5C },
            { Encoding.ASCII.GetBytes("123456789"), 0xE3069283 },
        };
    }

    [Theory]
    [MemberData(nameof(Rfc3720Vectors))]
    public void Matches_RFC_3720_B4_vectors(byte[] data, uint expected)
    {
        Assert.Equal(expected, Crc32c.Compute(data));
        Assert.Equal(expected, Crc32c.ComputeSoftware(data));
    }

    [Fact]
    public void Hardware_and_portable_paths_agree_on_odd_lengths()
    {
        var random = new Random(1);
        for (var n = 0; n < 100; n++)
        {
            var data = new byte[n * 13 % 97];
            random.NextBytes(data);
            Assert.Equal(Crc32c.ComputeSoftware(data), Crc32c.Compute(data));
        }
    }

    // Built by aiortc 1.4 (serialize_packet), an independent implementation: INIT and a DATA packet.
    public const string AiortcInit = "1388138800000000136581d00100001e0102030400020000ffffffff0a0b0c0dc00000048008000682c00000";
    public const string AiortcData = "13881388deadbeefbcaceb0a0003001500000064000100020000003368656c6c6f000000";

    [Theory]
    [InlineData(AiortcInit)]
    [InlineData(AiortcData)]
    public void Checksum_placement_matches_another_stack(string hex)
    {
        var packet = Convert.FromHexString(hex);
        Assert.True(Crc32c.VerifyPacketChecksum(packet));
        var copy = (byte[])packet.Clone();
        copy[8] = copy[9] = copy[10] = copy[11] = 0;
        Crc32c.WritePacketChecksum(copy);
        Assert.Equal(packet, copy);
    }
}
