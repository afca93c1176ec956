using System.Diagnostics;
using System.Runtime.InteropServices;
using NAudio.Wave;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Devices;

namespace SecureLink.Benchmarks;

/// <summary>
/// CPU cost of the WASAPI format chain a Windows call adds on both sides, measured on any machine
/// (it is platform-neutral code): capture from the usual mix format (32-bit float stereo 44.1 kHz,
/// 10 ms device periods) to 20 ms voice frames, and voice back to that mix format. The in-run
/// reference is the Opus encode + decode of the same frames, so the headline is a ratio.
/// </summary>
public sealed class WasapiChainBenchmark : IBenchmark
{
    private const int Frames = VoiceCodecBenchmark.Frames; // 5 s of audio
    private const int DeviceRate = 44_100;
    private const int PeriodFrames = 441; // 10 ms, WASAPI's usual shared-mode period

    public string Name => "wasapi-chain";
    public string Description => "WASAPI mix-format conversion (44.1 kHz float stereo ⇄ 48 kHz mono S16) per 20 ms, vs Opus encode+decode";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var voice = VoiceCodecBenchmark.SpeechLike(Frames * VoiceFormat.FrameSamples);
        var device = ToDevice(voice);
        output.WriteLine($"signal: {Frames} frames of synthetic voiced speech (5 s), device 44.1 kHz float stereo in 10 ms periods, best of 5 rounds");

        var codec = VoiceCodecBenchmark.Best(() => TimeCodec(voice), cancellationToken);
        var capture = VoiceCodecBenchmark.Best(() => TimeCapture(device), cancellationToken);
        var playback = VoiceCodecBenchmark.Best(() => TimePlayback(voice), cancellationToken);
        output.WriteLine($"  reference: opus 32 kb/s encode+decode {VoiceCodecBenchmark.PerFrameUs(codec),8:F1} µs/frame  ({VoiceCodecBenchmark.CorePercent(codec):F2} % of a core)");
        output.WriteLine($"  capture  mix → voice frames          {VoiceCodecBenchmark.PerFrameUs(capture),8:F1} µs/frame  ({VoiceCodecBenchmark.CorePercent(capture):F2} % of a core; {capture / codec:F3}× the codec)");
        output.WriteLine($"  playback voice → mix                 {VoiceCodecBenchmark.PerFrameUs(playback),8:F1} µs/frame  ({VoiceCodecBenchmark.CorePercent(playback):F2} % of a core; {playback / codec:F3}× the codec)");
        return Task.CompletedTask;
    }

    private static byte[] ToDevice(short[] voice)
    {
        var frames = (int)((long)voice.Length * DeviceRate / VoiceFormat.SampleRate);
        var samples = new float[frames * 2];
        for (var i = 0; i < frames; i++)
            samples[2 * i] = samples[2 * i + 1] = voice[(int)((long)i * VoiceFormat.SampleRate / DeviceRate)] / 32768f;
        return MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();
    }

    private static TimeSpan TimeCodec(short[] pcm)
    {
        var encoder = new OpusVoiceEncoder();
        var decoder = new OpusVoiceDecoder();
        var packet = new byte[VoiceFormat.MaxPacketBytes];
        var outPcm = new short[VoiceFormat.MaxPacketSamples];
        var sw = Stopwatch.StartNew();
        for (var f = 0; f < Frames; f++)
        {
            var n = encoder.Encode(pcm.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples), packet);
            decoder.Decode(packet.AsSpan(0, n), outPcm);
        }
        return sw.Elapsed;
    }

    private static TimeSpan TimeCapture(byte[] device)
    {
        var adapter = new CaptureFormatAdapter(WaveFormat.CreateIeeeFloatWaveFormat(DeviceRate, 2));
        var period = PeriodFrames * 8;
        var frames = 0;
        var sw = Stopwatch.StartNew();
        for (var at = 0; at < device.Length; at += period)
            adapter.Write(device.AsSpan(at, Math.Min(period, device.Length - at)), _ => frames++);
        var t = sw.Elapsed;
        if (frames < Frames - 2) throw new InvalidOperationException($"only {frames} frames came out");
        return t;
    }

    private static TimeSpan TimePlayback(short[] voice)
    {
        var source = new BufferedWaveProvider(VoiceFormat.WaveFormat, TimeSpan.FromSeconds(6)) { ReadFully = true };
        source.AddSamples(MemoryMarshal.AsBytes(voice.AsSpan()));
        var adapter = new PlaybackFormatAdapter(source, WaveFormat.CreateIeeeFloatWaveFormat(DeviceRate, 2));
        var period = new byte[PeriodFrames * 8];
        var periods = Frames * 2; // 20 ms of voice = two 10 ms device periods
        var sw = Stopwatch.StartNew();
        for (var p = 0; p < periods; p++) adapter.Read(period);
        return sw.Elapsed;
    }
}
