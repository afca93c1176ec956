using System.Runtime.InteropServices;
using NAudio.Wave;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Devices;

namespace SecureLink.Voice.Tests.Devices;

public sealed class WavAndNullDeviceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static void WriteTone(string path, double hz, double seconds, int rate, int channels)
    {
        using var w = new WaveFileWriter(path, new WaveFormat(rate, 16, channels));
        var n = (int)(seconds * rate);
        for (var i = 0; i < n; i++)
        {
            var v = (short)(0.4 * short.MaxValue * Math.Sin(2 * Math.PI * hz * i / rate));
            for (var c = 0; c < channels; c++) w.WriteSample(v / 32768f);
        }
    }

    [Theory]
    [InlineData(44_100, 2)]
    [InlineData(16_000, 1)]
    [InlineData(48_000, 1)]
    [InlineData(22_050, 3)]
    public void Wav_source_resamples_to_48k_mono_and_keeps_the_tone(int rate, int channels)
    {
        using var dir = new TempDir("slvoice-");
        WriteTone(dir.File("tone.wav"), 1000, 0.5, rate, channels);
        using var src = new LoopingWavSource(dir.File("tone.wav"));
        var pcm = new short[VoiceFormat.FrameSamples * 50]; // 1 s: the 0.5 s file plays twice
        for (var f = 0; f < 50; f++) src.ReadFrame(pcm.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples));

        Assert.Equal(1000, Signals.PeakFrequency(pcm.AsSpan(2400, 19200)));
        Assert.Equal(1000, Signals.PeakFrequency(pcm.AsSpan(24000 + 2400, 19200))); // after the loop
        Assert.True(pcm.Skip(30000).Max(x => Math.Abs((int)x)) > 8000);
    }

    [Fact]
    public void A_file_that_is_not_WAV_is_a_clear_error()
    {
        using var dir = new TempDir("slvoice-");
        File.WriteAllBytes(dir.File("junk.wav"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
        var ex = Assert.ThrowsAny<Exception>(() => new LoopingWavSource(dir.File("junk.wav")));
        Assert.Contains("junk.wav", ex.Message + (ex.InnerException?.Message ?? ""), StringComparison.Ordinal);
    }

    [Fact]
    public void Wav_capture_to_wav_recorder_round_trips_the_samples()
    {
        using var dir = new TempDir("slvoice-");
        WriteTone(dir.File("in.wav"), 700, 1.0, VoiceFormat.SampleRate, 1);

        var buffer = new BufferedWaveProvider(VoiceFormat.WaveFormat, TimeSpan.FromSeconds(5)) { ReadFully = false };
        using (var capture = new WavFileCapture(dir.File("in.wav"), realTime: false))
        {
            var frames = 0;
            using var done = new ManualResetEventSlim();
            capture.DataAvailable += (_, e) =>
            {
                if (Interlocked.Increment(ref frames) <= 50) buffer.AddSamples(e.Buffer, 0, e.BytesRecorded);
                else done.Set();
            };
            capture.StartRecording();
            Assert.True(done.Wait(Timeout));
            capture.StopRecording();
        }

        using (var recorder = new WavFileRecorder(dir.File("out.wav"), realTime: false))
        {
            recorder.Init(buffer);
            recorder.Play();
            Assert.True(recorder.WaitForEnd(Timeout)); // buffer runs out -> playback ends by itself
        }

        using var original = new WaveFileReader(dir.File("in.wav"));
        using var copy = new WaveFileReader(dir.File("out.wav"));
        Assert.Equal(VoiceFormat.WaveFormat, copy.WaveFormat);
        var a = new byte[original.Length];
        var b = new byte[copy.Length];
        original.ReadExactly(a);
        copy.ReadExactly(b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Null_devices_pace_silence_and_consume()
    {
        using var capture = new NullCapture(realTime: false);
        var frames = 0;
        using var got = new ManualResetEventSlim();
        capture.DataAvailable += (_, e) =>
        {
            Assert.Equal(VoiceFormat.FrameBytes, e.BytesRecorded);
            Assert.All(e.Buffer.Take(e.BytesRecorded), x => Assert.Equal(0, x));
            if (Interlocked.Increment(ref frames) == 10) got.Set();
        };
        StoppedEventArgs? stopped = null;
        capture.RecordingStopped += (_, e) => stopped = e;
        capture.StartRecording();
        Assert.True(got.Wait(Timeout));
        capture.StopRecording();
        Assert.NotNull(stopped);
        Assert.Null(stopped!.Exception);

        using var playback = new NullPlayback(realTime: false);
        var src = new BufferedWaveProvider(VoiceFormat.WaveFormat) { ReadFully = false };
        src.AddSamples(new byte[VoiceFormat.FrameBytes * 3], 0, VoiceFormat.FrameBytes * 3);
        playback.Init(src);
        playback.Play();
        Assert.True(playback.WaitForEnd(Timeout));
        Assert.Equal(VoiceFormat.FrameBytes * 3, playback.BytesPlayed);
        Assert.Equal(PlaybackState.Stopped, playback.PlaybackState);
    }

    [Fact]
    public void Playback_refuses_a_provider_in_another_format()
    {
        using var p = new NullPlayback();
        Assert.Throws<NotSupportedException>(() => p.Init(new BufferedWaveProvider(new WaveFormat(44_100, 16, 2))));
    }

    [Fact]
    public void A_failing_provider_stops_playback_with_the_exception_not_a_crash()
    {
        using var p = new NullPlayback(realTime: false);
        StoppedEventArgs? stopped = null;
        using var done = new ManualResetEventSlim();
        p.PlaybackStopped += (_, e) => { stopped = e; done.Set(); };
        p.Init(new Throwing());
        p.Play();
        Assert.True(done.Wait(Timeout));
        Assert.IsType<InvalidOperationException>(stopped!.Exception);
    }

    private sealed class Throwing : IWaveProvider
    {
        public WaveFormat WaveFormat => VoiceFormat.WaveFormat;
        public int Read(Span<byte> buffer) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void Frames_are_whole_20ms_shorts()
    {
        var frame = new byte[VoiceFormat.FrameBytes];
        Assert.Equal(VoiceFormat.FrameSamples, MemoryMarshal.Cast<byte, short>(frame).Length);
        Assert.Equal(960, VoiceFormat.FrameSamples);
    }
}
