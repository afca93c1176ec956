using SecureLink.Rooms.Pake;

namespace SecureLink.Rooms.Pake.Tests;

public class AttemptCounterTests
{
    [Fact]
    public void Burns_after_three_wrong_pins_by_default()
    {
        var counter = new AttemptCounter();
        Assert.False(counter.Burned);
        counter.RecordWrongPin();
        counter.RecordWrongPin();
        Assert.False(counter.Burned);
        Assert.Equal(2, counter.Failed);
        Assert.Equal(1, counter.Remaining);
        counter.RecordWrongPin();
        Assert.True(counter.Burned);
        Assert.Equal(3, counter.Failed);
        Assert.Equal(0, counter.Remaining);
    }

    [Fact]
    public void Stays_burned_and_saturates()
    {
        var counter = new AttemptCounter(1);
        counter.RecordWrongPin();
        counter.RecordWrongPin();
        Assert.True(counter.Burned);
        Assert.Equal(1, counter.Failed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void At_least_one_attempt_is_required(int max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttemptCounter(max));

    [Fact]
    public void Concurrent_wrong_pins_are_all_counted_and_never_overshoot()
    {
        var counter = new AttemptCounter(1000);
        Parallel.For(0, 1500, _ => counter.RecordWrongPin());
        Assert.Equal(1000, counter.Failed);
        Assert.True(counter.Burned);
    }

    [Fact]
    public void Tells_the_creator_what_was_consumed_and_what_to_do()
    {
        var counter = new AttemptCounter();
        counter.RecordWrongPin();
        var once = counter.DescribeForCreator();
        Assert.Contains("1 of this room's 3 attempts", once);
        Assert.Contains("2 left", once);
        counter.RecordWrongPin();
        counter.RecordWrongPin();
        var burned = counter.DescribeForCreator();
        Assert.Contains("closed", burned);
        Assert.Contains("new room", burned);
        Assert.DoesNotContain("try again", burned, StringComparison.OrdinalIgnoreCase);
    }
}
