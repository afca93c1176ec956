using System.Collections.Concurrent;
using System.Diagnostics;
using SecureLink.Rooms.Session;

namespace SecureLink.Benchmarks.Rooms;

/// <summary>
/// A room's event sink that stamps the first time each state is reached, and fails fast when
/// the room fails or closes instead (so a broken run says why rather than timing out).
/// </summary>
internal sealed class StateClock
{
    private readonly ConcurrentDictionary<RoomState, TaskCompletionSource<long>> _reached = new();

    public Action<RoomEvent> Sink => e =>
    {
        if (e is not RoomStateChanged s) return;
        var now = Stopwatch.GetTimestamp();
        if (s.To.IsFinal())
        {
            var error = new InvalidOperationException($"room went {s.To.WireName()} ({s.ReasonCode}) during the benchmark");
            foreach (var state in Enum.GetValues<RoomState>().Where(x => !x.IsFinal())) Slot(state).TrySetException(error);
        }
        Slot(s.To).TrySetResult(now);
    };

    /// <summary>The Stopwatch timestamp at which <paramref name="state"/> was first delivered.</summary>
    public Task<long> WhenAsync(RoomState state, CancellationToken ct) => Slot(state).Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

    private TaskCompletionSource<long> Slot(RoomState state) =>
        _reached.GetOrAdd(state, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}
