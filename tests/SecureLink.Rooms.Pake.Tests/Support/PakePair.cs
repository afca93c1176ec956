using SecureLink.Rooms.Pake;

namespace SecureLink.Rooms.Pake.Tests.Support;

/// <summary>Runs a creator and a joiner against each other and collects both outcomes.</summary>
internal static class PakePair
{
    /// <summary>Nothing in these tests may hang: every run is cut off here, far above any real run.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan PakeTimeout = TimeSpan.FromSeconds(10);

    public static PakeBinding Binding(byte creator = 0xC1, byte joiner = 0x10) =>
        new(Enumerable.Repeat(creator, 32).ToArray(), Enumerable.Repeat(joiner, 32).ToArray());

    public sealed record Outcome(PakeResult? Result, Exception? Error)
    {
        public PakeFailure? Failure => (Error as PakeException)?.Failure;
    }

    public static async Task<Outcome> Capture(Task<PakeResult> run)
    {
        try
        {
            return new Outcome(await run.WaitAsync(Guard), null);
        }
        catch (Exception e)
        {
            return new Outcome(null, e);
        }
    }

    public static async Task<(Outcome Creator, Outcome Joiner)> RunAsync(
        string creatorPin, string joinerPin,
        PakeBinding? creatorBinding = null, PakeBinding? joinerBinding = null,
        Func<IPakeChannel, IPakeChannel>? wrapCreator = null, Func<IPakeChannel, IPakeChannel>? wrapJoiner = null,
        TimeSpan? timeout = null)
    {
        var (c, j) = MemoryChannel.Pair();
        IPakeChannel creatorChannel = wrapCreator?.Invoke(c) ?? c;
        IPakeChannel joinerChannel = wrapJoiner?.Invoke(j) ?? j;
        var creator = Task.Run(() => PinAuthenticator.RunAsync(PakeRole.Creator, creatorPin.AsMemory(),
            creatorBinding ?? Binding(), creatorChannel, timeout ?? PakeTimeout, CancellationToken.None));
        var joiner = Task.Run(() => PinAuthenticator.RunAsync(PakeRole.Joiner, joinerPin.AsMemory(),
            joinerBinding ?? Binding(), joinerChannel, timeout ?? PakeTimeout, CancellationToken.None));
        var outcomes = await Task.WhenAll(Capture(creator), Capture(joiner));
        return (outcomes[0], outcomes[1]);
    }
}
