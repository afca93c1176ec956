using System.Globalization;
using SecureLink.Benchmarks.Host;
using SecureLink.Benchmarks.WebRtc;
using SecureLink.Calls.Measurement;
using SecureLink.Voice.Call;

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
        await using var call = rig.Open(pair, new VoiceCallOptions());
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // a few RTCP reports for the RTT
        var added = new List<double>();
        var rows = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            var m = await call.MeasureAsync(wav, chirp, 0, true, null, ct);
            var halfRtt = (m.Receiver.RttMs ?? m.Sender.RttMs ?? 0) / 2;
            added.Add(m.MouthToEarMs - halfRtt);
            rows.Add(Invariant($"  run {i + 1}: mouth-to-ear {m.MouthToEarMs:F1} ms, RTT/2 {halfRtt:F2} ms, jitter buffer {m.Receiver.JitterBufferMs:F0} ms, r {m.Quality.Delay.Correlation:F2}"));
        }
        foreach (var r in rows) await output.WriteLineAsync(r);
        var median = Stats.Median(added);
        var floorMedian = Stats.Median(floor);
        await output.WriteLineAsync(Invariant($"call capture -> playback minus RTT/2: median {median:F1} ms, min {added.Min():F1}, max {added.Max():F1} ({Runs} runs)"));
        await output.WriteLineAsync(Invariant($"reference: measurement floor (two recorders, same monitor, no call): median {floorMedian:F1} ms"));
        await output.WriteLineAsync(Invariant($"call minus floor {median - floorMedian:F1} ms; goal <= 60 ms added: {(median is > 0 and <= 60 ? "met" : "NOT met")}"));
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
