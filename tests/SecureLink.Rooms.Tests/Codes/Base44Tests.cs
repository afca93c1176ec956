using FsCheck.Xunit;
using SecureLink.Rooms.Codes;
using Xunit;

namespace SecureLink.Rooms.Tests.Codes;

public class Base44Tests
{
    [Theory]
    [InlineData(new byte[0], "")]
    [InlineData(new byte[] { 0x00, 0x00 }, "000")]
    [InlineData(new byte[] { 0xFF, 0xFF }, "J%X")] // 65535 = 19 + 37·44 + 33·44²
    [InlineData(new byte[] { 0x41, 0x42 }, "UR8")] // 16706 = 30 + 27·44 + 8·44²
    [InlineData(new byte[] { 0xFF }, "Z5")]        // 255 = 35 + 5·44
    [InlineData(new byte[] { 0x41, 0x42, 0x07 }, "UR870")] // a last odd byte: 2 characters
    public void Known_vectors(byte[] bytes, string text)
    {
        Assert.Equal(text, Base44.Encode(bytes));
        Assert.Equal(bytes, Base44.TryDecode(text, out _));
    }

    [Fact]
    public void Alphabet_is_the_QR_alphanumeric_set_without_space()
    {
        const string qrAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        Assert.Equal(Base44.Alphabet, qrAlphanumeric.Replace(" ", ""));
        for (var i = 0; i < Base44.Alphabet.Length; i++) Assert.Equal(i, Base44.Digit(Base44.Alphabet[i]));
        Assert.Equal(-1, Base44.Digit(' '));
        Assert.Equal(-1, Base44.Digit('a'));
    }

    [Property(MaxTest = 500)]
    public void Round_trips_and_sizes_as_RFC_9285_does(byte[] bytes)
    {
        var text = Base44.Encode(bytes);
        Assert.Equal(bytes.Length / 2 * 3 + bytes.Length % 2 * 2, text.Length);
        Assert.All(text, c => Assert.Contains(c, Base44.Alphabet));
        Assert.Equal(bytes, Base44.TryDecode(text, out var badLength));
        Assert.False(badLength);
    }

    [Theory]
    [InlineData("0")]      // a lone character is no group
    [InlineData("0000")]
    public void Length_one_mod_three_is_refused(string text)
    {
        Assert.Null(Base44.TryDecode(text, out var badLength));
        Assert.True(badLength);
    }

    [Theory]
    [InlineData("::")]     // 43 + 43·44 > 255
    [InlineData(":::")]    // > 65535
    [InlineData("00a")]    // not upper case
    public void Out_of_range_groups_and_foreign_characters_are_refused(string text) =>
        Assert.Null(Base44.TryDecode(text, out _));
}
