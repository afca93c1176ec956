using System.Diagnostics;
using System.Globalization;
using SecureLink.Benchmarks.Host;
using SecureLink.Benchmarks.WebRtc;
using SecureLink.Rooms.Chat;
using SecureLink.Rooms.Session;

namespace SecureLink.Benchmarks.Load;

/// <summary>
/// 100,000 chat messages of mixed sizes (1 B to 64 KiB) from creator to joiner of a verified room
/// over real UDP (SCTP over DTLS over ICE): none may be lost, duplicated or reordered. The sender
/// keeps up to <see cref="Window"/> sends in flight, as a busy popup would; latency is send call →
/// the joiner's room event, so it includes the queueing that load causes. Reference, same run:
/// the same sequence of message sizes as raw binary messages over a bare pair of our peer
/// connections (webrtc-bulk's setup), so the ratio shows what the room's chat layer (framing,
/// history, receipts, the event loop) costs on top of the transport.
/// </summary>
public sealed class ChatLoadBenchmark : IBenchmark
{
    private const int DefaultMessages = 100_000;
    private const int Window = 32;

    public string Name => "chat-load";

    public string Description => "100,000 mixed-size chat messages (1 B..64 KiB) through a verified room over UDP: lost/duplicated/reordered, msg/s, MB/s, p50/p99 latency";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        var messages = int.TryParse(Environment.GetEnvironmentVariable("SECURELINK_CHAT_LOAD_MESSAGES"), CultureInfo.InvariantCulture, out var m) ? m : DefaultMessages;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(20));
        var ct = limit.Token;

        var sizes = Sizes(messages);
        var texts = sizes.Distinct().ToDictionary(s => s, s => new string((char)('a' + s % 26), s));
        var sentIds = new List<string>(messages);
        var receivedIds = new List<string>(messages);
        var receivedAt = new long[messages];
        var sendAt = new long[messages];
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = ProcessResources.Now();

        await using var pair = await RoomPair.VerifiedAsync(ct,
            creatorTap: e =>
            {
                // Our own copy is announced in send order before the frame leaves: index ↔ id.
                if (e is RoomMessageAdded { Message.From: ChatSender.Me } mine) lock (sentIds) sentIds.Add(mine.Message.MessageId);
            },
            joinerTap: e =>
            {
                if (e is not RoomMessageAdded { Message.From: ChatSender.Peer } theirs) return;
                lock (receivedIds)
                {
                    if (receivedIds.Count < messages) receivedAt[receivedIds.Count] = Stopwatch.GetTimestamp();
                    receivedIds.Add(theirs.Message.MessageId);
                    if (receivedIds.Count == messages) allReceived.TrySetResult();
                }
            });
        var verified = ProcessResources.Now();

        var inFlight = new Queue<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            sendAt[i] = Stopwatch.GetTimestamp();
            inFlight.Enqueue(pair.Creator.SendAsync(texts[sizes[i]], ct));
            if (inFlight.Count >= Window) await inFlight.Dequeue();
        }
        while (inFlight.Count > 0) await inFlight.Dequeue();
        var sentIn = clock.Elapsed;
        var complete = await Task.WhenAny(allReceived.Task, Task.Delay(TimeSpan.FromSeconds(60), ct)) == allReceived.Task;
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(500, ct); // late duplicates would show up here

        List<string> sent, received;
        lock (sentIds) sent = [.. sentIds];
        lock (receivedIds) received = [.. receivedIds];
        var sentSet = new HashSet<string>(sent);
        var duplicates = received.Count - received.Distinct().Count();
        var lost = sentSet.Count - received.Where(sentSet.Contains).Distinct().Count();
        var strangers = received.Count(r => !sentSet.Contains(r));
        var reordered = 0;
        var position = sent.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var last = -1;
        foreach (var id in received.Distinct())
        {
            if (!position.TryGetValue(id, out var p)) continue;
            if (p < last) reordered++;
            last = Math.Max(last, p);
        }
        var latencies = new List<double>(messages);
        for (var i = 0; i < Math.Min(received.Count, messages); i++)
            if (position.TryGetValue(received[i], out var p)) latencies.Add(Stopwatch.GetElapsedTime(sendAt[p], receivedAt[i]).TotalMilliseconds);
        var bytes = sizes.Sum(s => (long)s);

        await output.WriteLineAsync(Invariant($"messages: {messages} sent ({bytes / 1048576.0:F1} MiB of text, sizes 1..{sizes.Max()} B, mean {bytes / (double)messages:F0} B), window {Window}"));
        await output.WriteLineAsync(Invariant($"integrity: received {received.Count}, lost {lost}, duplicated {duplicates}, reordered {reordered}, unknown {strangers}{(complete ? "" : "  (INCOMPLETE after 60 s)")}"));
        await output.WriteLineAsync(Invariant($"throughput: {messages / seconds:F0} msg/s, {bytes / 1048576.0 / seconds:F2} MiB/s of text (all received after {seconds:F1} s; sends returned after {sentIn.TotalSeconds:F1} s)"));
        await output.WriteLineAsync(Invariant($"latency send -> peer event: p50 {Stats.Median(latencies):F1} ms, p90 {Stats.Percentile(latencies, 90):F1} ms, p99 {Stats.Percentile(latencies, 99):F1} ms, max {latencies.DefaultIfEmpty(0).Max():F1} ms"));
        var bare = await MeasureBareAsync(sizes, ct);
        await output.WriteLineAsync(Invariant($"reference: same sizes as raw messages on a bare data channel: {messages / bare:F0} msg/s, {bytes / 1048576.0 / bare:F2} MiB/s; room/bare throughput ratio {bare / seconds:F2}"));
        await output.WriteLineAsync($"resources: before {before}; verified {verified}; after {ProcessResources.Now()}");
        await output.WriteLineAsync(lost == 0 && duplicates == 0 && reordered == 0 && strangers == 0 && complete ? "result: PASS (none lost, duplicated or reordered)" : "result: FAIL");
    }

    private static async Task<double> MeasureBareAsync(int[] sizes, CancellationToken ct)
    {
        await using var pair = await WebRtcBench.ConnectOursAsync(ct);
        long received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.AnswererChannel.MessageReceived += _ =>
        {
            if (Interlocked.Increment(ref received) == sizes.Length) done.TrySetResult();
        };
        var payload = new byte[sizes.Max()];
        var clock = Stopwatch.StartNew();
        foreach (var size in sizes) await pair.OffererChannel.SendAsync(payload.AsMemory(0, size), ct);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Deterministic mixed sizes: 70 % short lines (1..200 B), 25 % paragraphs (200 B..4 KiB),
    /// 5 % pastes (4..64 KiB), and both extremes at least once.</summary>
    internal static int[] Sizes(int count)
    {
        var random = new Random(20261201);
        var sizes = new int[count];
        for (var i = 0; i < count; i++)
        {
            var r = random.NextDouble();
            sizes[i] = r < 0.70 ? random.Next(1, 201) : r < 0.95 ? random.Next(200, 4097) : random.Next(4096, ChatLimits.MaxTextBytes + 1);
        }
        sizes[0] = 1;
        if (count > 1) sizes[count / 2] = ChatLimits.MaxTextBytes;
        return sizes;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
