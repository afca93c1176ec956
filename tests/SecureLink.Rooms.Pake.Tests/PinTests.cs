using SecureLink.Rooms.Pake;

namespace SecureLink.Rooms.Pake.Tests;

public class PinTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(10)]
    public void Generate_gives_exactly_the_requested_number_of_ascii_digits(int digits)
    {
        for (var i = 0; i < 200; i++)
        {
            var pin = Pin.Generate(digits);
            Assert.Equal(digits, pin.Length);
            Assert.All(pin, c => Assert.InRange(c, '0', '9'));
            Assert.True(Pin.IsWellFormed(pin));
        }
    }

    [Fact]
    public void Default_is_four_digits() => Assert.Equal(4, Pin.Generate().Length);

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Out_of_range_lengths_throw(int digits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pin.Generate(digits));

    [Fact]
    public void Every_digit_appears_in_every_position_with_roughly_equal_frequency()
    {
        // 4000 PINs x 4 positions: each digit is expected 400 times per position (sd ~19);
        // [300, 500] fails only for a broken generator (e.g. a constant, a modulo-6 slip, a stuck position).
        const int count = 4000;
        var histogram = new int[4, 10];
        for (var i = 0; i < count; i++)
        {
            var pin = Pin.Generate(4);
            for (var p = 0; p < 4; p++) histogram[p, pin[p] - '0']++;
        }
        for (var p = 0; p < 4; p++)
            for (var d = 0; d < 10; d++)
                Assert.InRange(histogram[p, d], 300, 500);
    }

    [Fact]
    public void Pins_are_not_repeated_more_than_chance_allows()
    {
        // 2000 ten-digit PINs: a collision has probability ~2e-4; a seeded or clocked generator collides at once.
        var pins = Enumerable.Range(0, 2000).Select(_ => Pin.Generate(10)).ToHashSet();
        Assert.True(pins.Count >= 1999);
    }

    [Theory]
    [InlineData("1234", true)]
    [InlineData("0000", true)]
    [InlineData("0123456789", true)]
    [InlineData("123", false)]
    [InlineData("01234567890", false)]
    [InlineData("12a4", false)]
    [InlineData("12 34", false)]
    [InlineData("١٢٣٤", false)]   // Arabic-Indic digits are digits to char.IsDigit, not to us
    [InlineData("", false)]
    public void IsWellFormed_accepts_only_4_to_10_ascii_digits(string pin, bool expected) =>
        Assert.Equal(expected, Pin.IsWellFormed(pin));
}
