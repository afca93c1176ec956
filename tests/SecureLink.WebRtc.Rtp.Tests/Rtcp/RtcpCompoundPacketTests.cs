using FsCheck.Xunit;
using SecureLink.WebRtc.Rtcp;

namespace SecureLink.WebRtc.Rtp.Tests.Rtcp;

public sealed class RtcpCompoundPacketTests
{
    private static readonly RtcpReportBlock Block = new(0xCAFEBABE, 64, -3, 0x0001_0005, 120, 0x12345678, 0x00020000);

    [Fact]
    public void Sender_report_has_the_rfc_3550_layout()
    {
        var sr = new RtcpSenderReport
        {
            Ssrc = 0x01020304, NtpTimestamp = 0x1122334455667788, RtpTimestamp = 0x99AABBCC, PacketCount = 7, OctetCount = 1120,
            ReportBlocks = [Block],
        };
        var bytes = RtcpCompoundPacket.ToArray(sr);
        Assert.Equal(Hex.Parse(
            "81 c8 000c 01020304 11223344 55667788 99aabbcc 00000007 00000460" +
            "cafebabe 40 fffffd 00010005 00000078 12345678 00020000"), bytes);
    }

    [Fact]
    public void A_typical_compound_packet_round_trips()
    {
        var packets = new RtcpPacket[]
        {
            new RtcpReceiverReport { Ssrc = 5, ReportBlocks = [Block, Block with { Ssrc = 9 }] },
            RtcpSourceDescription.ForCName(5, "abcdefghijklmnop"),
            new RtcpBye { Ssrcs = [5], Reason = "hang up" },
        };
        var bytes = RtcpCompoundPacket.ToArray(packets);
        Assert.Equal(0, bytes.Length % 4);
        Assert.True(RtcpCompoundPacket.TryParse(bytes, out var back));
        var rr = Assert.IsType<RtcpReceiverReport>(back[0]);
        Assert.Equal(5u, rr.Ssrc);
        Assert.Equal([Block, Block with { Ssrc = 9 }], rr.ReportBlocks);
        Assert.Equal("abcdefghijklmnop", Assert.IsType<RtcpSourceDescription>(back[1]).GetCName(5));
        var bye = Assert.IsType<RtcpBye>(back[2]);
        Assert.Equal(new uint[] { 5 }, bye.Ssrcs);
        Assert.Equal("hang up", bye.Reason);
        Assert.Equal(bytes, RtcpCompoundPacket.ToArray([.. back]));
    }

    [Fact]
    public void Feedback_and_xr_packets_are_skipped_safely_and_the_rest_is_read()
    {
        // RR, then a transport-cc RTPFB (205, FMT 15), a PLI PSFB (206, FMT 1), an XR (207).
        var bytes = Hex.Parse(
            "81 c9 0007 00000005 cafebabe 40fffffd 00010005 00000078 12345678 00020000" +
            "8f cd 0005 00000005 00000009 0001 0002 00000000 00000000" +
            "81 ce 0002 00000005 00000009" +
            "80 cf 0002 00000005 04000000");
        Assert.True(RtcpCompoundPacket.TryParse(bytes, out var packets));
        Assert.IsType<RtcpReceiverReport>(packets[0]);
        Assert.Equal([205, 206, 207], packets.Skip(1).Select(p => (int)p.PacketType));
        Assert.Equal(15, ((RtcpUnknownPacket)packets[1]).Count);
    }

    [Fact]
    public void Cumulative_lost_is_24_bit_signed_and_clamped_on_write()
    {
        var big = new RtcpReportBlock(1, 0, 50_000_000, 0, 0, 0, 0);
        var buffer = new byte[24];
        big.Write(buffer);
        Assert.Equal(RtcpReportBlock.MaxCumulativeLost, RtcpReportBlock.Read(buffer).CumulativeLost);
        (big with { CumulativeLost = -1 }).Write(buffer);
        Assert.Equal(-1, RtcpReportBlock.Read(buffer).CumulativeLost);
    }

    [Theory]
    [InlineData("")]
    [InlineData("81 c9 00")]
    [InlineData("41 c9 0001 00000005")]                           // version 1
    [InlineData("81 c9 0007 00000005")]                           // length past the end
    [InlineData("81 c9 0001 00000005")]                           // RR count 1 but no block
    [InlineData("80 c9 0001 00000005 00")]                        // trailing byte
    [InlineData("a0 c9 0001 00000005 80 c9 0001 00000005")]       // padding on a non-last packet
    [InlineData("a0 c9 0001 00000000")]                           // padding count 0
    [InlineData("a0 c9 0001 00000009")]                           // padding longer than the body
    [InlineData("81 ca 0002 00000005 01 09 616263 00")]           // SDES item past the end
    [InlineData("81 cb 0002 00000005 09616263")]                  // BYE reason longer than the packet
    public void Malformed_compounds_are_refused(string hex)
    {
        Assert.False(RtcpCompoundPacket.TryParse(Hex.Parse(hex), out _));
    }

    [Fact]
    public void Padding_on_the_last_packet_is_removed()
    {
        var bytes = Hex.Parse("80 c9 0001 00000005 a0 cc 0002 00000001 00000004");
        Assert.True(RtcpCompoundPacket.TryParse(bytes, out var packets));
        var app = Assert.IsType<RtcpUnknownPacket>(packets[1]);
        Assert.Equal(4, app.Body.Length);
    }

    [Property(MaxTest = 500)]
    public bool TryParse_never_throws_on_garbage(byte[] garbage)
    {
        RtcpCompoundPacket.TryParse(garbage, out _);
        return true;
    }

    [Fact]
    public void Rtcp_mux_tells_rtcp_from_rtp_by_the_second_byte()
    {
        var rr = RtcpCompoundPacket.ToArray(new RtcpReceiverReport { Ssrc = 1 });
        Assert.True(RtcpMux.IsRtcp(rr));
        Assert.False(RtcpMux.IsRtp(rr));
        var rtp = SrtpTestKeysShim.Rtp(marker: true, payloadType: 111);
        Assert.True(RtcpMux.IsRtp(rtp));
        Assert.False(RtcpMux.IsRtcp(rtp));
        // Marker + PT 72 would read as RTCP type 200: that is why 64–95 are off limits.
        Assert.True(RtcpMux.IsRtcp(SrtpTestKeysShim.Rtp(marker: true, payloadType: 72)));
        Assert.False(RtcpMux.IsMuxSafePayloadType(72));
        Assert.True(RtcpMux.IsMuxSafePayloadType(111));
        Assert.True(RtcpMux.IsMuxSafePayloadType(0));
        Assert.False(RtcpMux.IsRtpOrRtcp([0x16, 0xfe, 0xfd])); // a DTLS record
        Assert.False(RtcpMux.IsRtcp([0x81, 0xc9]));          // too short to be either
    }

    private static class SrtpTestKeysShim
    {
        public static byte[] Rtp(bool marker, byte payloadType) =>
            new RtpPacket { Marker = marker, PayloadType = payloadType, Ssrc = 1, Payload = new byte[4] }.ToArray();
    }
}
