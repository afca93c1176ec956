using System.Globalization;
using SecureLink.Benchmarks.WebRtc;
using SecureLink.Calls.Measurement;

namespace SecureLink.Benchmarks.VoiceQuality;

/// <summary>
/// Call quality as the E-model (G.107, the call's own VoiceCallStatistics.Mos) and as an objective
/// signal measure (segmental SNR and log-spectral distance of espeak-ng speech against the original)
/// through a real call: 0 % loss, and 5 % RTP loss (nftables) with 30 ms of jitter (receive-side
/// delay, no netem on this machine: <see cref="JitteredAudioChannel"/>), each with FEC on and off.
/// The in-run reference is the same speech measured against white noise (what "unintelligible"
/// scores) and the clean call (what the codec alone costs).
/// </summary>
public sealed class VoiceMosBenchmark : IBenchmark
{
    public string Name => "voice-mos";

    public string Description => "E-model MOS and segSNR/LSD of speech through a real call: 0 % loss, 5 % loss + 30 ms jitter, FEC on vs off; goal MOS >= 4.3 / >= 3.8";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (WebRtcBench.NotIsolated() is { } why) { await output.WriteLineAsync(why); return; }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(8));
        var ct = limit.Token;
        using var folder = new TempFolder("sl-mos-");
        var wav = folder.File("speech.wav");
        var speech = SpeechSamples.Make(wav, SpeechSamples.DefaultSentence + " " + SpeechSamples.DefaultSentence);
        using var rig = new CallRig();
        await using var pair = await AudioPeerPair.ConnectAsync(ct);

        var rows = new List<(string Condition, CallMeasurement M, double Jitter)>();
        foreach (var fec in new[] { true, false })
            rows.Add(("0 % loss", await rig.RunAsync(pair, wav, speech, 0, fec, ct), 0));
        foreach (var fec in new[] { true, false })
        {
            JitteredAudioChannel? jittered = null;
            var m = await rig.RunAsync(pair, wav, speech, 5, fec, ct, wrapB: inner => jittered = new JitteredAudioChannel(inner, 90, seed: 5));
            rows.Add(("5 % loss, 30 ms jitter", m, jittered!.MeasuredJitterMs));
            await jittered.DisposeAsync();
        }
        var noise = SpeechQuality.Measure(speech, SpeechSamples.WhiteNoise(speech.Length), 48000);

        await output.WriteLineAsync("| condition | FEC | E-model MOS (R) | loss seen | jitter | FEC recovered / concealed | jitter buffer | segSNR | LSD | mouth-to-ear |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (condition, m, jitter) in rows)
            await output.WriteLineAsync(Invariant(
                $"| {condition} | {(m.Fec ? "on" : "off")} | {m.Receiver.Mos:F2} ({m.Receiver.R:F0}) | {m.Receiver.LossPercent:F1} % | {(jitter > 0 ? jitter : m.Receiver.JitterMs):F1} ms | {m.Receiver.FecRecovered} / {m.Receiver.Concealed} | {m.Receiver.JitterBufferMs:F0} ms | {m.Quality.SegmentalSnrDb:F1} dB | {m.Quality.LogSpectralDistanceDb:F2} dB | {m.MouthToEarMs:F0} ms |"));
        await output.WriteLineAsync(Invariant($"| reference: white noise instead of the call | | | | | | | {noise.SegmentalSnrDb:F1} dB | {noise.LogSpectralDistanceDb:F2} dB | |"));
        var clean = rows[0].M.Receiver.Mos;
        var lossy = rows[2].M.Receiver.Mos;
        await output.WriteLineAsync(Invariant($"goal: MOS >= 4.3 at 0 % ({clean:F2}: {(clean >= 4.3 ? "met" : "NOT met")}), >= 3.8 at 5 % + 30 ms jitter with FEC ({lossy:F2}: {(lossy >= 3.8 ? "met" : "NOT met")})"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
