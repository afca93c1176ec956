namespace SecureLink.WebRtc.Rtp.Tests.Rtp;

/// <summary>
/// Extension blocks as aiortc 1.4's <c>pack_header_extensions</c> writes them (captured on this
/// machine), so our writer and reader agree with an independent implementation, not just themselves.
/// </summary>
public sealed class RtpHeaderExtensionFixtureTests
{
    public static TheoryData<ushort, string, byte[][]> Fixtures => new()
    {
        { 0xBEDE, "1030326162630000", [[1, 0x30], [3, .. "abc"u8]] },
        { 0x1000, "01013014147878787878787878787878787878787878787878000000", [[1, 0x30], [20, .. Enumerable.Repeat((byte)'x', 20)]] },
        { 0x1000, "02000000", [[2]] },
    };

    [Theory, MemberData(nameof(Fixtures))]
    public void We_write_what_aiortc_writes(ushort profile, string data, byte[][] elements)
    {
        var list = elements.Select(e => new RtpHeaderExtension(e[0], e[1..])).ToList();
        var buffer = new byte[4 + RtpHeaderExtensions.MeasureData(list)];
        RtpHeaderExtensions.Write(list, buffer);
        Assert.Equal(profile, (ushort)(buffer[0] << 8 | buffer[1]));
        Assert.Equal(data, Hex.Of(buffer.AsSpan(4)));
    }

    [Theory, MemberData(nameof(Fixtures))]
    public void We_read_what_aiortc_writes(ushort profile, string data, byte[][] elements)
    {
        var into = new List<RtpHeaderExtension>();
        Assert.True(RtpHeaderExtensions.TryParse(profile, Hex.Parse(data), into));
        Assert.Equal(elements.Select(e => (e[0], Hex.Of(e.AsSpan(1)))), into.Select(e => (e.Id, Hex.Of(e.Data))));
    }
}
