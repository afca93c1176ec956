using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;

namespace SecureLink.Rooms.Pake.Tests;

/// <summary>The creator's flow from docs/pin-authentication.md §6: only WrongPin feeds the counter.</summary>
public class LockoutTests
{
    [Fact]
    public async Task Three_wrong_pins_burn_the_room_while_protocol_errors_and_timeouts_do_not_count()
    {
        var counter = new AttemptCounter();
        async Task Attempt(string joinerPin, Func<IPakeChannel, IPakeChannel>? wrapJoiner = null, TimeSpan? timeout = null)
        {
            Assert.False(counter.Burned);
            var (creator, _) = await PakePair.RunAsync("8024", joinerPin, wrapJoiner: wrapJoiner, timeout: timeout);
            if (creator.Failure == PakeFailure.WrongPin) counter.RecordWrongPin();
        }

        await Attempt("8025");
        await Attempt("8024", ch => new TamperingChannel(ch, (i, m) => i == 0 ? [m[..100]] : [m]));   // garbage: not counted
        await Attempt("8024", ch => new TamperingChannel(ch, (i, m) => i < 2 ? [m] : []),             // silent: not counted
            TimeSpan.FromSeconds(3));
        Assert.Equal(1, counter.Failed);
        await Attempt("0000");
        await Attempt("80245");
        Assert.True(counter.Burned);
        Assert.Equal(3, counter.Failed);
    }
}
