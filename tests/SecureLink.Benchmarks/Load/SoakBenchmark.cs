using System.Diagnostics;
using System.Globalization;
using SecureLink.Benchmarks.WebRtc;
using SecureLink.Calls.Measurement;
using SecureLink.Voice.Call;

namespace SecureLink.Benchmarks.Load;

/// <summary>
/// Soak: a verified room chatting both ways (a message each way every 200 ms, mixed sizes) and a
/// voice call (two VoiceCall ends on audio peer connections, real PulseAudio) at 2 % RTP loss, for
/// SECURELINK_SOAK_MINUTES (bench.sh --minutes N; default 1 for a smoke run). RSS, fds, threads
/// and the managed heap are read at the start and every 10 % of the run; the call's speech quality
/// (segSNR / LSD against the original, E-model MOS) is measured at the start and at the end, and
/// every chat message must arrive. The reference is the run's own start: the headline is end/start.
/// </summary>
public sealed class SoakBenchmark : IBenchmark
{
    public string Name => "soak";

    public string Description => "chat + voice call at 2 % RTP loss for --minutes N (default 1): RSS/fds/threads start vs end, call quality start vs end, chat integrity";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        var minutes = double.TryParse(Environment.GetEnvironmentVariable("SECURELINK_SOAK_MINUTES"), CultureInfo.InvariantCulture, out var m) ? m : 1;
        var duration = TimeSpan.FromMinutes(minutes);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(duration + TimeSpan.FromMinutes(5));
        var ct = limit.Token;

        using var folder = new TempFolder("sl-soak-");
        var wav = folder.File("speech.wav");
        var speech = SpeechSamples.Make(wav);
        using var rig = new CallRig();
        var received = new long[2];
        await using var room = await RoomPair.VerifiedAsync(ct,
            creatorTap: e => { if (e is SecureLink.Rooms.Session.RoomMessageAdded { Message.From: SecureLink.Rooms.Chat.ChatSender.Peer }) Interlocked.Increment(ref received[0]); },
            joinerTap: e => { if (e is SecureLink.Rooms.Session.RoomMessageAdded { Message.From: SecureLink.Rooms.Chat.ChatSender.Peer }) Interlocked.Increment(ref received[1]); });
        await using var pair = await AudioPeerPair.ConnectAsync(ct);
        using var loss = RtpLossRule.Install(2);
        await using var call = rig.Open(pair, new VoiceCallOptions());
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        var first = await call.MeasureAsync(wav, speech, 2, true, loss, ct);
        var start = ProcessResources.Now();
        await output.WriteLineAsync(Invariant($"duration {minutes:0.##} min; start: {start}"));
        await output.WriteLineAsync($"  call at start: {first}");

        var sizes = ChatLoadBenchmark.Sizes(4096);
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        var nextReport = duration / 10;
        var maxRss = start.RssBytes;
        while (clock.Elapsed < duration)
        {
            var text = new string('s', Math.Min(sizes[sent % sizes.Length], 8192));
            await room.Creator.SendAsync(text, ct);
            await room.Joiner.SendAsync(text, ct);
            sent++;
            if (clock.Elapsed >= nextReport)
            {
                var now = ProcessResources.Now();
                maxRss = Math.Max(maxRss, now.RssBytes);
                var stats = call.B.GetStatistics();
                await output.WriteLineAsync(Invariant($"  {clock.Elapsed.TotalMinutes:F1} min: {now}; chat {sent} each way; call: loss {stats.LossPercent:F1} %, jitter buffer {stats.JitterBufferMs:F0} ms, MOS {stats.Mos:F2}, sent {stats.PacketsSent}, received {stats.PacketsReceived}"));
                nextReport += duration / 10;
            }
            await Task.Delay(200, ct);
        }
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var last = await call.MeasureAsync(wav, speech, 2, true, loss, ct);
        var end = ProcessResources.Now();
        await output.WriteLineAsync($"  call at end: {last}");
        await output.WriteLineAsync($"end: {end}");
        await output.WriteLineAsync($"end - start: {end.Delta(start)}; peak RSS {maxRss / 1048576.0:F1} MiB");
        var lostChat = 2 * sent - Interlocked.Read(ref received[0]) - Interlocked.Read(ref received[1]);
        await output.WriteLineAsync(Invariant($"chat: {sent} messages each way, {lostChat} not received; RTP dropped by the 2 % rule: {loss.Dropped}"));
        await output.WriteLineAsync(Invariant($"call quality start -> end: LSD {first.Quality.LogSpectralDistanceDb:F2} -> {last.Quality.LogSpectralDistanceDb:F2} dB, segSNR {first.Quality.SegmentalSnrDb:F1} -> {last.Quality.SegmentalSnrDb:F1} dB, MOS {first.Receiver.Mos:F2} -> {last.Receiver.Mos:F2}, mouth-to-ear {first.MouthToEarMs:F0} -> {last.MouthToEarMs:F0} ms"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
