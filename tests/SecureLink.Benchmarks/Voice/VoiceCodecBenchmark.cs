using System.Diagnostics;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using SecureLink.Voice.Codec;

namespace SecureLink.Benchmarks;

/// <summary>
/// CPU cost of the voice codec: Opus encode + decode per 20 ms frame (managed Concentus) for each
/// band of the adaptation policy, and the share of one core a call uses at 50 frames/s each way.
/// The in-run references are a plain copy of the same PCM and NAudio's WDL resampler (44.1 → 48 kHz,
/// what a device at the wrong rate costs), so the headline is a ratio that survives a busy machine.
/// </summary>
public sealed class VoiceCodecBenchmark : IBenchmark
{
    internal const int Frames = 250; // 5 s of audio

    public string Name => "voice-codec";
    public string Description => "Opus encode+decode CPU per 20 ms frame and % of one core per call, vs PCM copy and the WDL resampler";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var pcm = SpeechLike(Frames * VoiceFormat.FrameSamples);
        output.WriteLine($"signal: {Frames} frames of synthetic voiced speech (5 s), best of 5 rounds");

        var copy = Best(() => TimeCopy(pcm), cancellationToken);
        var resample = Best(() => TimeResampler(pcm), cancellationToken);
        output.WriteLine($"  reference: PCM copy           {PerFrameUs(copy),9:F2} µs/frame");
        output.WriteLine($"  reference: WDL resample 44.1k {PerFrameUs(resample),9:F2} µs/frame  ({CorePercent(resample):F2} % of a core)");

        var policy = new BitrateAdaptationPolicy();
        foreach (var loss in new[] { 0.0, 5.0, 15.0 })
        {
            var settings = policy.Choose(loss);
            TimeSpan enc = TimeSpan.MaxValue, dec = TimeSpan.MaxValue;
            long bytes = 0;
            for (var round = 0; round < 5; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (e, d, b) = TimeCodec(pcm, settings);
                if (e < enc) enc = e;
                if (d < dec) dec = d;
                bytes = b;
            }
            var both = enc + dec;
            output.WriteLine(
                $"  opus {settings.BitrateBitsPerSecond / 1000} kb/s {settings.MaxBandwidth,-10} encode {PerFrameUs(enc),8:F1} µs  decode {PerFrameUs(dec),7:F1} µs  " +
                $"per call {CorePercent(both),5:F2} % of a core  ({both / resample:F1}× the resampler; {bytes * 8 / 5 / 1000.0:F1} kb/s out)");
        }
        return Task.CompletedTask;
    }

    internal static double PerFrameUs(TimeSpan t) => t.TotalMicroseconds / Frames;

    // A call encodes one frame and decodes one frame every 20 ms: 50 of each per second.
    internal static double CorePercent(TimeSpan perFramesTotal) => PerFrameUs(perFramesTotal) * 50 / 1e6 * 100;

    /// <summary>The fastest of five rounds: the least disturbed by whatever else the machine does.</summary>
    internal static TimeSpan Best(Func<TimeSpan> run, CancellationToken ct)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            ct.ThrowIfCancellationRequested();
            var t = run();
            if (t < best) best = t;
        }
        return best;
    }

    private static (TimeSpan Encode, TimeSpan Decode, long Bytes) TimeCodec(short[] pcm, OpusEncoderSettings settings)
    {
        var encoder = new OpusVoiceEncoder(settings);
        var decoder = new OpusVoiceDecoder();
        var packets = new byte[Frames][];
        var buf = new byte[VoiceFormat.MaxPacketBytes];
        long bytes = 0;
        var sw = Stopwatch.StartNew();
        for (var f = 0; f < Frames; f++)
        {
            var n = encoder.Encode(pcm.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples), buf);
            packets[f] = buf[..n];
            bytes += n;
        }
        var enc = sw.Elapsed;
        var outPcm = new short[VoiceFormat.MaxPacketSamples];
        sw.Restart();
        foreach (var p in packets) decoder.Decode(p, outPcm);
        return (enc, sw.Elapsed, bytes);
    }

    private static TimeSpan TimeCopy(short[] pcm)
    {
        var dst = new short[VoiceFormat.FrameSamples];
        var sw = Stopwatch.StartNew();
        for (var f = 0; f < Frames; f++) pcm.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples).CopyTo(dst);
        return sw.Elapsed;
    }

    private static TimeSpan TimeResampler(short[] pcm)
    {
        // The same duration at 44.1 kHz, resampled up to 48 kHz frame by frame.
        var src44 = new float[pcm.Length * 441 / 480];
        for (var i = 0; i < src44.Length; i++) src44[i] = pcm[i * 480 / 441] / 32768f;
        var resampler = new WdlResamplingSampleProvider(new ArraySampleProvider(src44, 44_100), VoiceFormat.SampleRate);
        var frame = new float[VoiceFormat.FrameSamples];
        var sw = Stopwatch.StartNew();
        while (resampler.Read(frame) > 0) { }
        return sw.Elapsed;
    }

    internal static short[] SpeechLike(int samples)
    {
        var s = new short[samples];
        double phase = 0;
        for (var i = 0; i < samples; i++)
        {
            var t = (double)i / VoiceFormat.SampleRate;
            phase += 2 * Math.PI * (140 + 60 * Math.Sin(2 * Math.PI * 3 * t)) / VoiceFormat.SampleRate;
            var v = 0.0;
            for (var h = 1; h <= 8; h++) v += Math.Sin(h * phase) / h;
            s[i] = (short)(0.25 * short.MaxValue * (0.55 + 0.45 * Math.Sin(2 * Math.PI * 4 * t)) * v);
        }
        return s;
    }

    private sealed class ArraySampleProvider(float[] samples, int rate) : ISampleProvider
    {
        private int _position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(rate, 1);

        public int Read(Span<float> buffer)
        {
            var n = Math.Min(buffer.Length, samples.Length - _position);
            samples.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
