using System.Diagnostics;
using System.Globalization;
using SecureLink.Benchmarks.Host;
using SecureLink.Benchmarks.WebRtc;
using SecureLink.Rooms.Session;

namespace SecureLink.Benchmarks.Rooms;

/// <summary>
/// A whole room from the reply being applied (room.accept) to <c>verified</c> on both sides,
/// creator and joiner in this process on the namespace's two veth addresses, split at the
/// state changes: connecting (ICE + DTLS + SCTP until the PIN channel opens, i.e. the
/// <c>authenticating</c> state) and authenticating (the PAKE until <c>verified</c>). The
/// reference, interleaved run by run, is a bare pair of our peer connections (answer applied
/// → data channel open), so the ratio shows what a room adds on top of WebRTC.
/// Times are stamped when the room's event loop delivers a state change, so each includes
/// one hop onto the thread pool.
/// </summary>
public sealed class RoomVerifyBenchmark : IBenchmark
{
    private const int Runs = 15;

    public string Name => "room-verify";

    public string Description => $"room.accept -> verified on both sides ({Runs} runs, median/p90), split connecting/authenticating, vs bare data-channel setup";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        var ct = limit.Token;

        await RunRoomAsync(ct);   // warm-up: JIT, BouncyCastle tables, first sockets
        await using (await WebRtcBench.ConnectOursAsync(ct)) { }

        var samples = new List<RoomTimes>();
        var bare = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            samples.Add(await RunRoomAsync(ct));
            await using var pair = await WebRtcBench.ConnectOursAsync(ct);
            bare.Add(pair.Setup.TotalMilliseconds);
        }

        await Row(output, "creator  total (accept -> verified)", samples.Select(s => s.CreatorVerified));
        await Row(output, "creator  connecting                ", samples.Select(s => s.CreatorAuthenticating));
        await Row(output, "creator  authenticating (PAKE)     ", samples.Select(s => s.CreatorVerified - s.CreatorAuthenticating));
        await Row(output, "joiner   total (accept -> verified)", samples.Select(s => s.JoinerVerified));
        await Row(output, "joiner   connecting                ", samples.Select(s => s.JoinerAuthenticating));
        await Row(output, "joiner   authenticating (PAKE)     ", samples.Select(s => s.JoinerVerified - s.JoinerAuthenticating));
        await Row(output, "both     verified (later side)     ", samples.Select(s => Math.Max(s.CreatorVerified, s.JoinerVerified)));
        await Row(output, "bare     answer -> channel open    ", bare);
        var bothMedian = Stats.Median(samples.Select(s => Math.Max(s.CreatorVerified, s.JoinerVerified)).ToList());
        var connectMedian = Stats.Median(samples.Select(s => s.CreatorAuthenticating).ToList());
        var bareMedian = Stats.Median(bare);
        await output.WriteLineAsync(Invariant($"ratio room/bare (median): whole room {bothMedian / bareMedian:F2}x, connecting only {connectMedian / bareMedian:F2}x"));
        await output.WriteLineAsync(Invariant($"goal: accept -> verified <= 150 ms without the PAKE: creator connecting median {connectMedian:F1} ms"));
    }

    /// <summary>Milliseconds after room.accept started, on one clock for both sides.</summary>
    private sealed record RoomTimes(double CreatorAuthenticating, double CreatorVerified, double JoinerAuthenticating, double JoinerVerified);

    private static async Task<RoomTimes> RunRoomAsync(CancellationToken ct)
    {
        var creatorClock = new StateClock();
        var joinerClock = new StateClock();
        await using var creator = await RoomSession.CreateAsync(Options(WebRtcBench.LanA), creatorClock.Sink, ct);
        var invitation = creator.Invitation ?? throw new InvalidOperationException("the new room shows no invitation");
        await using var joiner = await RoomSession.JoinAsync(invitation.Invite, invitation.Pin, Options(WebRtcBench.LanB), joinerClock.Sink, ct);
        var reply = joiner.Reply ?? throw new InvalidOperationException("the joiner shows no reply");

        var start = Stopwatch.GetTimestamp();
        await creator.AcceptAsync(reply.Reply, ct);
        var creatorVerified = await creatorClock.WhenAsync(RoomState.Verified, ct);
        var joinerVerified = await joinerClock.WhenAsync(RoomState.Verified, ct);
        return new RoomTimes(
            Ms(start, await creatorClock.WhenAsync(RoomState.Authenticating, ct)), Ms(start, creatorVerified),
            Ms(start, await joinerClock.WhenAsync(RoomState.Authenticating, ct)), Ms(start, joinerVerified));
    }

    private static RoomOptions Options(System.Net.IPAddress address) => new()
    {
        AddressFilter = a => a.Equals(address),
        ExpiresIn = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(20),
        PakeTimeout = TimeSpan.FromSeconds(20),
    };

    private static double Ms(long start, long end) => Stopwatch.GetElapsedTime(start, end).TotalMilliseconds;

    private static Task Row(TextWriter output, string label, IEnumerable<double> values)
    {
        var list = values.ToList();
        return output.WriteLineAsync(Invariant($"{label} median {Stats.Median(list),7:F1} ms   p90 {Stats.Percentile(list, 90),7:F1} ms   ({list.Count} runs)"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
