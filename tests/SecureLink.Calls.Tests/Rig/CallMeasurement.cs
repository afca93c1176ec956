using System.Diagnostics;
using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;
using SecureLink.Voice.Jitter;
using SecureLink.WebRtc.Media;

namespace SecureLink.Calls.Measurement;

/// <summary>What one speech run through a call measured.</summary>
/// <param name="LossPercent">RTP loss the nftables rule imposed (both directions).</param>
/// <param name="Fec">In-band FEC on both ends.</param>
/// <param name="MouthToEarMs">From the speech entering A's microphone sink to it leaving B's speaker sink
/// (capture, encode, network, jitter buffer, decode, playback), by cross-correlation of the two monitors.</param>
/// <param name="Quality">B's speaker against the original speech.</param>
/// <param name="Receiver">B's call statistics at the end (E-model MOS, loss, FEC recoveries...).</param>
/// <param name="Sender">A's call statistics at the end.</param>
/// <param name="RuleDropped">Packets the loss rule dropped.</param>
public sealed record CallMeasurement(int LossPercent, bool Fec, double MouthToEarMs, SpeechQuality Quality,
    VoiceCallStatistics Receiver, VoiceCallStatistics Sender, long RuleDropped)
{
    public override string ToString() => FormattableString.Invariant(
        $"loss {LossPercent} % FEC {(Fec ? "on " : "off")}: mouth-to-ear {MouthToEarMs:F0} ms, segSNR {Quality.SegmentalSnrDb:F1} dB, LSD {Quality.LogSpectralDistanceDb:F2} dB, r {Quality.Delay.Correlation:F2} (per block {Quality.AlignedCorrelation:F2}); B sees loss {Receiver.LossPercent:F1} %, FEC recovered {Receiver.FecRecovered}, concealed {Receiver.Concealed}, late {Receiver.LateDropped}, jitter buffer {Receiver.JitterBufferMs:F0} ms, MOS {Receiver.Mos:F2} (R {Receiver.R:F0}), rule dropped {RuleDropped}; B's speaker queue {Receiver.Playback.AverageQueuedMs:F1} ms avg, {Receiver.Playback.MinQueuedMs:F1} min, {Receiver.Playback.Underruns} underruns in {Receiver.Playback.Writes} writes, grown {Receiver.Playback.Growths}x to {Receiver.Playback.TargetMs:F0} ms");
}

/// <summary>
/// Speech through a real call: a private PulseAudio daemon with four null sinks (each end's
/// "mouth" it captures from the monitor of, and "ear" it plays into), two VoiceCall ends on an
/// <see cref="AudioPeerPair"/>. pacat plays the speech into A's mouth; A's mouth monitor and B's
/// ear monitor are recorded on one clock; the delay is the difference of where the speech sits in
/// each, so neither recorder's start-up counts.
/// </summary>
public sealed class CallRig : IDisposable
{
    public const string MouthA = "sl_mouth_a", EarA = "sl_ear_a", MouthB = "sl_mouth_b", EarB = "sl_ear_b";

    public CallRig() => Pulse = PulseAudioDaemon.Start(MouthA, EarA, MouthB, EarB);

    public PulseAudioDaemon Pulse { get; }

    /// <summary>One call (created, measured once, disposed).</summary>
    public async Task<CallMeasurement> RunAsync(AudioPeerPair pair, string speechWav, short[] speech, int lossPercent, bool fec,
        CancellationToken ct, Func<IRtpAudioChannel, IRtpAudioChannel>? wrapB = null, JitterBufferOptions? jitter = null)
    {
        // Only this pair's packets: anything else in the namespace (another test, a benchmark) keeps its own loss.
        using var rule = lossPercent > 0 ? RtpLossRule.Install(lossPercent, pair.PortA) : null;
        await using var call = Open(pair, new VoiceCallOptions { InbandFec = fec, Jitter = jitter }, wrapB);
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // devices open, the jitter buffer fills, bitrate settles
        return await call.MeasureAsync(speechWav, speech, lossPercent, fec, rule, ct);
    }

    /// <summary>A call between the pair's two ends on this rig's sinks, started; dispose ends it.</summary>
    public LiveCall Open(AudioPeerPair pair, VoiceCallOptions options, Func<IRtpAudioChannel, IRtpAudioChannel>? wrapB = null,
        int speakerStartMs = PulseAudioPlayback.DefaultStartQueueMs)
    {
        var a = new VoiceCall(pair.AudioA, new PulseAudioCapture(Pulse.Server, MouthA + ".monitor"), new PulseAudioPlayback(Pulse.Server, EarA, speakerStartMs), options);
        var b = new VoiceCall(wrapB is null ? pair.AudioB : wrapB(pair.AudioB), new PulseAudioCapture(Pulse.Server, MouthB + ".monitor"), new PulseAudioPlayback(Pulse.Server, EarB, speakerStartMs), options);
        a.Start();
        b.Start();
        return new LiveCall(Pulse, a, b);
    }

    /// <summary>Two started VoiceCall ends; speech can be measured through them any number of times.</summary>
    public sealed class LiveCall(PulseAudioDaemon pulse, VoiceCall a, VoiceCall b) : IAsyncDisposable
    {
        public VoiceCall A => a;
        public VoiceCall B => b;

        public async Task<CallMeasurement> MeasureAsync(string speechWav, short[] speech, int lossPercent, bool fec, RtpLossRule? rule, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            using var mouth = new MonitorRecorder(pulse.Server, MouthA + ".monitor", clock);
            using var ear = new MonitorRecorder(pulse.Server, EarB + ".monitor", clock);
            mouth.Start();
            ear.Start();
            await Task.Delay(200, ct);
            await pulse.PlayFileAsync(MouthA, speechWav, ct);
            await Task.Delay(TimeSpan.FromSeconds(1), ct); // the tail crosses the call
            var heard = ear.Stop();
            var said = mouth.Stop();
            var statsB = b.GetStatistics();
            var statsA = a.GetStatistics();

            var reference = DelayEstimate.Find(Pcm.ToDouble(speech), Pcm.ToDouble(said), 48000 * 3, 48000);
            var quality = SpeechQuality.Measure(speech, heard, 48000, maxLagMs: 4000);
            var mouthToEar = quality.Delay.DelayMs + ear.StartOffsetMs - (reference.DelayMs + mouth.StartOffsetMs);
            return new CallMeasurement(lossPercent, fec, mouthToEar, quality, statsB, statsA, rule?.Dropped ?? 0);
        }

        public async ValueTask DisposeAsync()
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    public void Dispose() => Pulse.Dispose();
}
