namespace SecureLink.WebRtc.Rtp.Tests.Rtp;

/// <summary>
/// RFC 8285 §4.2 reserves id 0 for padding. The fuzzer found that an id-0 byte with length bits set
/// parsed as an element we could never write back (finding F2 in docs/fuzzing.md).
/// </summary>
public sealed class RtpHeaderExtensionPaddingTests
{
    [Fact]
    public void An_id_zero_byte_in_the_one_byte_form_is_padding_not_an_element()
    {
        var elements = new List<RtpHeaderExtension>();
        // 0x01 = id 0 with length bits 1, then a real element id 1 carrying one byte.
        Assert.True(RtpHeaderExtensions.TryParse(0xBEDE, Convert.FromHexString("01101000"), elements));
        var only = Assert.Single(elements);
        Assert.Equal(1, only.Id);
    }

    [Fact]
    public void The_packet_the_fuzzer_found_parses_and_writes_back()
    {
        var bytes = Convert.FromHexString("906f000000000000000000" + "09bede00010110aa000001");
        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        var again = packet!.ToArray();
        Assert.True(RtpPacket.TryParse(again, out var reparsed));
        Assert.Equal(packet.Payload.ToArray(), reparsed!.Payload.ToArray());
    }
}
