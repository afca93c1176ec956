using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SecureLink.WebRtc.Rtp.Tests.Rtp;

public sealed class RtpPacketTests
{
    // RFC 7714 §16's packet: V=2, PT 64, seq f17b, ts 8041f8d3, SSRC 5501a0b2, 38-byte payload.
    private static readonly byte[] Rfc7714Packet = Hex.Parse(
        "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573");

    [Fact]
    public void Reads_the_fields_of_a_published_packet()
    {
        Assert.True(RtpHeader.TryParse(Rfc7714Packet, out var h));
        Assert.Equal((byte)64, h.PayloadType);
        Assert.False(h.Marker);
        Assert.Equal((ushort)0xf17b, h.SequenceNumber);
        Assert.Equal(0x8041f8d3u, h.Timestamp);
        Assert.Equal(0x5501a0b2u, h.Ssrc);
        Assert.Equal(12, h.HeaderLength);
        Assert.Equal("Gallia est omnis divisa in partes tres", System.Text.Encoding.ASCII.GetString(h.GetPayload(Rfc7714Packet)));
    }

    [Fact]
    public void Csrcs_marker_padding_and_one_byte_extensions_round_trip()
    {
        var packet = new RtpPacket
        {
            Marker = true, PayloadType = 111, SequenceNumber = 65535, Timestamp = 0xDEADBEEF, Ssrc = 42,
            Csrcs = [1, 2, 3],
            Extensions = [new RtpHeaderExtension(1, [0x30]), new RtpHeaderExtension(3, [1, 2, 3])],
            Payload = new byte[] { 9, 8, 7 },
            PaddingLength = 5,
        };
        var bytes = packet.ToArray();
        Assert.Equal(0xB3, bytes[0]); // V=2, P, X, CC=3
        Assert.Equal(0xEF, bytes[1]); // M + 111
        Assert.Equal(0xBE, bytes[24]);
        Assert.Equal(0xDE, bytes[25]);
        Assert.True(RtpPacket.TryParse(bytes, out var back));
        Assert.True(back!.Marker);
        Assert.Equal(new uint[] { 1, 2, 3 }, back.Csrcs);
        Assert.Equal(2, back.Extensions.Count);
        Assert.Equal((byte)3, back.Extensions[1].Id);
        Assert.Equal(new byte[] { 1, 2, 3 }, back.Extensions[1].Data);
        Assert.Equal(new byte[] { 9, 8, 7 }, back.Payload.ToArray());
        Assert.Equal(5, back.PaddingLength);
        Assert.Equal(bytes, back.ToArray());
    }

    [Fact]
    public void Two_byte_extensions_are_used_when_an_element_does_not_fit_one_byte()
    {
        var packet = new RtpPacket
        {
            PayloadType = 96, Ssrc = 1,
            Extensions = [new RtpHeaderExtension(20, new byte[20]), new RtpHeaderExtension(2, [])],
            Payload = new byte[] { 1 },
        };
        var bytes = packet.ToArray();
        Assert.Equal(0x10, bytes[12]);
        Assert.Equal(0x00, bytes[13]);
        Assert.True(RtpPacket.TryParse(bytes, out var back));
        Assert.Equal([20, 2], back!.Extensions.Select(e => (int)e.Id));
        Assert.Empty(back.Extensions[1].Data);
    }

    [Fact]
    public void One_byte_form_skips_padding_and_stops_at_id_15()
    {
        // 0xBEDE, length 2 words: [id1 len1] 0xAA 0xBB, pad 00, [id15 ...] then junk that must be ignored.
        var ext = Hex.Parse("11 aa bb 00 f0 ff ff ff");
        var into = new List<RtpHeaderExtension>();
        Assert.True(RtpHeaderExtensions.TryParse(RtpHeaderExtensions.OneByteProfile, ext, into));
        Assert.Single(into);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, into[0].Data);
    }

    [Fact]
    public void An_unknown_extension_profile_is_skipped_and_kept()
    {
        var bytes = Hex.Parse("90 00 0001 00000000 00000001 abcd 0001 01020304 ff");
        Assert.True(RtpHeader.TryParse(bytes, out var h));
        Assert.Equal(20, h.HeaderLength);
        Assert.True(RtpPacket.TryParse(bytes, out var p));
        Assert.Equal((ushort)0xABCD, p!.RawExtension!.Value.Profile);
        Assert.Equal(new byte[] { 0xFF }, p.Payload.ToArray());
        Assert.Equal(bytes, p.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")]
    [InlineData("80 00 0001 00000000 000000")]                  // 11 bytes
    [InlineData("40 00 0001 00000000 00000001")]                // version 1
    [InlineData("81 00 0001 00000000 00000001")]                // CSRC count 1, no CSRC
    [InlineData("90 00 0001 00000000 00000001 bede")]           // extension header cut
    [InlineData("90 00 0001 00000000 00000001 bede 0002 0000")] // extension longer than packet
    [InlineData("a0 00 0001 00000000 00000001 00")]             // padding count 0
    [InlineData("a0 00 0001 00000000 00000001 01 02 09")]       // padding longer than payload
    public void Malformed_headers_are_refused(string hex)
    {
        var bytes = Hex.Parse(hex);
        Assert.False(RtpHeader.TryParse(bytes, out _));
        Assert.False(RtpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void A_malformed_rfc8285_element_is_refused()
    {
        // One-byte element claiming 4 bytes in a 1-word extension that has 3 after it... plus more claimed.
        var bytes = Hex.Parse("90 00 0001 00000000 00000001 bede 0001 13 aa bb cc");
        Assert.True(RtpHeader.TryParse(bytes, out _));
        Assert.False(RtpPacket.TryParse(bytes, out _));
    }

    [Property(MaxTest = 500)]
    public bool TryParse_never_throws_on_garbage(byte[] garbage)
    {
        RtpHeader.TryParse(garbage, out _);
        RtpPacket.TryParse(garbage, out _);
        return true;
    }

    [Property(MaxTest = 300)]
    public bool Written_packets_parse_back(bool marker, byte pt, ushort seq, uint ts, uint ssrc, byte[] payload, byte csrcs, byte padding)
    {
        var packet = new RtpPacket
        {
            Marker = marker, PayloadType = (byte)(pt & 0x7F), SequenceNumber = seq, Timestamp = ts, Ssrc = ssrc,
            Csrcs = Enumerable.Range(0, csrcs % 16).Select(i => (uint)i * 1000).ToArray(),
            Payload = payload, PaddingLength = padding,
        };
        var bytes = packet.ToArray();
        return RtpPacket.TryParse(bytes, out var back)
            && back!.SequenceNumber == seq && back.Timestamp == ts && back.Ssrc == ssrc && back.Marker == marker
            && back.Payload.Span.SequenceEqual(payload) && back.Csrcs.Count == csrcs % 16 && back.ToArray().AsSpan().SequenceEqual(bytes);
    }
}
