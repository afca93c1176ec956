using System.Globalization;
using SecureLink.Benchmarks.Host;
using SecureLink.Benchmarks.WebRtc;
using SecureLink.Calls.Measurement;
using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;
using SecureLink.Voice.Jitter;

namespace SecureLink.Benchmarks.VoiceQuality;

/// <summary>
/// Added latency of a call, capture → playback, without the network: one chirp (a 300→3400 Hz
/// sweep; one, because a repeated one would correlate equally well a period away) goes into A's microphone sink of a private PulseAudio daemon, through VoiceCall A →
/// SRTP over real UDP (loopback veth) → VoiceCall B, out of B's speaker sink; the delay between the
/// two sinks' monitors (cross-correlation) minus half the RTCP round trip is what the pipeline adds
/// (device buffers, 20 ms framing, encode, jitter buffer, decode). Reference, same run: the
/// measurement's own floor, two recorders on the SAME monitor measured the same way (ideally 0 ms;
/// what it shows is the error of the two-recorder method on this machine).
/// </summary>
public sealed class VoiceLatencyBenchmark : IBenchmark
{
    private const int Runs = 5;

    public string Name => "voice-latency";

    public string Description => $"added latency capture -> playback through a real call minus RTT/2 ({Runs} runs, median), vs the measurement floor; goal <= 60 ms";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        var ct = limit.Token;
        using var folder = new TempFolder("sl-latency-");
        var wav = folder.File("chirp.wav");
        Tool.Run("sox", ["-n", "-r", "48000", "-c", "1", "-b", "16", "-e", "signed-integer", wav,
            "synth", "0.5", "sine", "300-3400", "vol", "0.5", "pad", "0.3", "0.8"]);
        var chirp = Pcm.ReadWav(wav, 48000);

        using var rig = new CallRig();
        var floor = new List<double>();
        for (var i = 0; i < Runs; i++) floor.Add(await LoopFloorAsync(rig.Pulse, wav, chirp, ct));

        await using var pair = await AudioPeerPair.ConnectAsync(ct);
        var floorMedian = Stats.Median(floor);
        await output.WriteLineAsync(Invariant($"reference: measurement floor (two recorders, same monitor, no call): median {floorMedian:F1} ms"));
        // A first call pays what a fresh process pays once (JIT, first device connections); without it
        // whichever setting runs first looks worse. Then the shipped settings and the candidates, one
        // call each on the same connection and rig, the shipped one again last to show the drift.
        await MeasureAsync(TextWriter.Null, rig, pair, wav, chirp, "warm-up", new VoiceCallOptions(), PulseAudioPlayback.DefaultStartQueueMs, ct);
        var shipped = await MeasureAsync(output, rig, pair, wav, chirp, "shipped: speaker queue starts at 40 ms, jitter buffer min 20 ms", new VoiceCallOptions(), PulseAudioPlayback.DefaultStartQueueMs, ct);
        await output.WriteLineAsync(Invariant($"shipped call minus floor {shipped - floorMedian:F1} ms; goal <= 60 ms added: {(shipped is > 0 and <= 60 ? "met" : "NOT met")}"));
        await MeasureAsync(output, rig, pair, wav, chirp, "candidate: speaker queue starts at 30 ms", new VoiceCallOptions(), 30, ct);
        await MeasureAsync(output, rig, pair, wav, chirp, "candidate: jitter buffer min 0 ms, shrink above target + 20 ms",
            new VoiceCallOptions { Jitter = new JitterBufferOptions { MinDelayMs = 0, ShrinkHysteresisMs = 20 } }, PulseAudioPlayback.DefaultStartQueueMs, ct);
        await MeasureAsync(output, rig, pair, wav, chirp, "candidate: both",
            new VoiceCallOptions { Jitter = new JitterBufferOptions { MinDelayMs = 0, ShrinkHysteresisMs = 20 } }, 30, ct);
        await MeasureAsync(output, rig, pair, wav, chirp, "shipped again", new VoiceCallOptions(), PulseAudioPlayback.DefaultStartQueueMs, ct);
    }

    // One call, Runs chirps through it; prints each run, the median and where the delay went. Returns the median.
    private static async Task<double> MeasureAsync(TextWriter output, CallRig rig, AudioPeerPair pair, string wav, short[] chirp, string label, VoiceCallOptions options, int speakerStartMs, CancellationToken ct)
    {
        await using var call = rig.Open(pair, options, speakerStartMs: speakerStartMs);
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // a few RTCP reports for the RTT
        var added = new List<double>();
        var rows = new List<string>();
        CallMeasurement? last = null;
        for (var i = 0; i < Runs; i++)
        {
            var m = await call.MeasureAsync(wav, chirp, 0, true, null, ct);
            last = m;
            var halfRtt = (m.Receiver.RttMs ?? m.Sender.RttMs ?? 0) / 2;
            added.Add(m.MouthToEarMs - halfRtt);
            rows.Add(Invariant($"  run {i + 1}: mouth-to-ear {m.MouthToEarMs:F1} ms, RTT/2 {halfRtt:F2} ms, jitter buffer {m.Receiver.JitterBufferMs:F0} ms, r {m.Quality.Delay.Correlation:F2}, speaker underruns {m.Receiver.Playback.Underruns} (queue now {m.Receiver.Playback.TargetMs:F0} ms)"));
        }
        var median = Stats.Median(added);
        await output.WriteLineAsync($"{label}:");
        foreach (var r in rows) await output.WriteLineAsync(r);
        await output.WriteLineAsync(Invariant($"  capture -> playback minus RTT/2: median {median:F1} ms, min {added.Min():F1}, max {added.Max():F1} ({Runs} runs)"));
        if (last is { } l)
        {
            // Stage averages over the whole call (A sends, B plays); the 20 ms frame is fixed.
            var a = l.Sender.Stages;
            var b = l.Receiver.Stages;
            var sum = 20 + a.CaptureMs + a.SendMs + b.JitterWaitMs + b.PlaybackMs;
            await output.WriteLineAsync(Invariant($"  stages: frame 20 + A capture {a.CaptureMs:F1} + A queue/encode/send {a.SendMs:F1} + B jitter buffer wait {b.JitterWaitMs:F1} + B speaker queue {b.PlaybackMs:F1} = {sum:F1} ms (+ decode, network)"));
        }
        return median;
    }
    // The same two-recorder measurement with no call in between: sink A's monitor against itself via a second recorder.
    private static async Task<double> LoopFloorAsync(PulseAudioDaemon pulse, string wav, short[] chirp, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var first = new MonitorRecorder(pulse.Server, CallRig.MouthA + ".monitor", clock);
        using var second = new MonitorRecorder(pulse.Server, CallRig.MouthA + ".monitor", clock);
        first.Start();
        second.Start();
        await Task.Delay(200, ct);
        await pulse.PlayFileAsync(CallRig.MouthA, wav, ct);
        await Task.Delay(300, ct);
        var a = first.Stop();
        var b = second.Stop();
        var da = DelayEstimate.Find(Pcm.ToDouble(chirp), Pcm.ToDouble(a), 48000 * 3, 48000);
        var db = DelayEstimate.Find(Pcm.ToDouble(chirp), Pcm.ToDouble(b), 48000 * 3, 48000);
        return Math.Abs(db.DelayMs + second.StartOffsetMs - (da.DelayMs + first.StartOffsetMs));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
