using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;

namespace SecureLink.Rooms.Pake.Tests;

public class TimeoutTests
{
    [Fact]
    public async Task A_silent_peer_ends_in_Timeout()
    {
        var (c, _) = MemoryChannel.Pair();
        var outcome = await PakePair.Capture(PinAuthenticator.RunAsync(PakeRole.Creator, "1234".AsMemory(),
            PakePair.Binding(), c, TimeSpan.FromMilliseconds(300), default));
        Assert.Equal(PakeFailure.Timeout, outcome.Failure);
        Assert.Contains("no attempt was used", outcome.Error!.Message);
    }

    [Fact]
    public async Task A_channel_that_ignores_cancellation_still_cannot_hang_the_check()
    {
        var outcome = await PakePair.Capture(PinAuthenticator.RunAsync(PakeRole.Joiner, "1234".AsMemory(),
            PakePair.Binding(), new DeafChannel(), TimeSpan.FromMilliseconds(300), default));
        Assert.Equal(PakeFailure.Timeout, outcome.Failure);
    }

    [Fact]
    public async Task A_peer_that_stops_before_confirming_times_out_the_creator_without_a_wrong_pin()
    {
        // The joiner sends rounds 1 and 2, then holds back its confirmation: it has seen nothing
        // keyed from the creator, so it learned nothing about the PIN, and no attempt is counted.
        var outcome = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i < 2 ? [m] : []),
            timeout: TimeSpan.FromMilliseconds(1500));
        Assert.Equal(PakeFailure.Timeout, outcome.Creator.Failure);
        Assert.Equal(PakeFailure.Timeout, outcome.Joiner.Failure);
    }

    [Fact]
    public async Task Caller_cancellation_is_cancellation_not_a_pake_failure()
    {
        var (c, _) = MemoryChannel.Pair();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var outcome = await PakePair.Capture(PinAuthenticator.RunAsync(PakeRole.Creator, "1234".AsMemory(),
            PakePair.Binding(), c, PakePair.PakeTimeout, cts.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(outcome.Error);
    }
}
