using SecureLink.Rooms.Pake;

namespace SecureLink.Rooms.Pake.Tests.Support;

/// <summary>The six messages of one real successful run, for codec tests (built once per test class).</summary>
public sealed class SampleMessages
{
    public SampleMessages()
    {
        var (c, j) = MemoryChannel.Pair();
        var creator = PinAuthenticator.RunAsync(PakeRole.Creator, "2580".AsMemory(), PakePair.Binding(), c, PakePair.PakeTimeout, default);
        var joiner = PinAuthenticator.RunAsync(PakeRole.Joiner, "2580".AsMemory(), PakePair.Binding(), j, PakePair.PakeTimeout, default);
        Task.WhenAll(creator, joiner).WaitAsync(PakePair.Guard).GetAwaiter().GetResult();
        Creator = c.Sent;
        Joiner = j.Sent;
    }

    /// <summary>Round 1, round 2, confirmation as the creator sent them.</summary>
    public IReadOnlyList<byte[]> Creator { get; }

    /// <summary>Round 1, round 2, confirmation as the joiner sent them.</summary>
    public IReadOnlyList<byte[]> Joiner { get; }

    public IEnumerable<byte[]> All => Creator.Concat(Joiner);
}
