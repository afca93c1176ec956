using System.Diagnostics;
using SecureLink.Benchmarks.WebRtc;
using SecureLink.Rooms.Session;

namespace SecureLink.Benchmarks.Load;

/// <summary>
/// Leak check under churn: 50 rooms created and abandoned one after another (the creator never
/// gets a reply and leaves), then 50 rooms joined, verified, sent a message and left. Sockets,
/// file descriptors, threads, RSS and the managed heap are read after one warm-up room of each
/// kind (JIT, BouncyCastle tables, thread pool growth) and again at the end; the deltas are the
/// result. A leak of one socket or thread per room would show as +50.
/// </summary>
public sealed class RoomChurnBenchmark : IBenchmark
{
    private const int Rooms = 50;

    public string Name => "room-churn";

    public string Description => $"{Rooms} rooms created+abandoned and {Rooms} joined+verified+left in a row: fd/socket/thread/RSS/managed deltas";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(15));
        var ct = limit.Token;

        await AbandonAsync(ct);
        await JoinAndLeaveAsync(ct);
        await Settle(ct);
        var start = ProcessResources.Now();
        await output.WriteLineAsync($"after warm-up: {start}");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Rooms; i++) await AbandonAsync(ct);
        var abandonSeconds = clock.Elapsed.TotalSeconds;
        await Settle(ct);
        var afterAbandon = ProcessResources.Now();
        await output.WriteLineAsync(FormattableString.Invariant($"{Rooms} created+abandoned in {abandonSeconds:F1} s: {afterAbandon}"));
        await output.WriteLineAsync($"  delta: {afterAbandon.Delta(start)}");

        clock.Restart();
        for (var i = 0; i < Rooms; i++) await JoinAndLeaveAsync(ct);
        var joinSeconds = clock.Elapsed.TotalSeconds;
        await Settle(ct);
        var end = ProcessResources.Now();
        await output.WriteLineAsync(FormattableString.Invariant($"{Rooms} joined+verified+left in {joinSeconds:F1} s ({joinSeconds / Rooms * 1000:F0} ms each): {end}"));
        await output.WriteLineAsync($"  delta: {end.Delta(afterAbandon)}");
        await output.WriteLineAsync($"total delta over {2 * Rooms} rooms: {end.Delta(start)}");
        var leakedSockets = end.Sockets - start.Sockets;
        var leakedThreads = end.Threads - start.Threads;
        await output.WriteLineAsync(leakedSockets <= 2 && leakedThreads <= 4
            ? "result: PASS (no socket or thread grows with the number of rooms)"
            : $"result: FAIL ({leakedSockets} sockets, {leakedThreads} threads more than after warm-up)");
    }

    private static async Task AbandonAsync(CancellationToken ct)
    {
        var room = await RoomSession.CreateAsync(RoomPair.Options(WebRtcBench.LanA), null, ct);
        _ = room.Invitation ?? throw new InvalidOperationException("no invitation");
        await room.LeaveAsync(ct);
    }

    private static async Task JoinAndLeaveAsync(CancellationToken ct)
    {
        var pair = await RoomPair.VerifiedAsync(ct);
        await pair.Creator.SendAsync("hello", ct);
        await pair.DisposeAsync();
    }

    // Closing sockets and ending threads finishes a moment after LeaveAsync returns (timers, the
    // thread pool retiring idle workers); give it the same pause before each reading.
    private static Task Settle(CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(3), ct);
}
