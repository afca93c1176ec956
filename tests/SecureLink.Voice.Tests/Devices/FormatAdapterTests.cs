using System.Runtime.InteropServices;
using NAudio.Wave;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Devices;

namespace SecureLink.Voice.Tests.Devices;

/// <summary>
/// The WASAPI format chain, run on Linux with real signals: a device in its mix format (faked, since
/// no Windows endpoint exists here) on one side, the call's 48 kHz mono 16-bit frames on the other.
/// </summary>
public sealed class FormatAdapterTests
{
    private const double Hz = 440;
    private const double Amplitude = 0.5;
    private const int Seconds = 10;

    // Device periods in sample frames, deliberately not multiples of anything (WASAPI's are ~10 ms but vary).
    private static readonly int[] Periods = [441, 137, 1023, 7, 2000, 480, 333];

    [Theory]
    [InlineData(true, 44100, 32, 2)]   // the usual mix format
    [InlineData(true, 48000, 32, 2)]   // no resampling at all
    [InlineData(false, 16000, 16, 1)]  // a Bluetooth headset's hands-free profile
    [InlineData(false, 96000, 24, 6)]  // a 5.1 interface
    [InlineData(false, 44100, 32, 2)]
    public void Capture_in_any_mix_format_gives_exact_20ms_frames_of_the_same_tone_without_drift(bool isFloat, int rate, int bits, int channels)
    {
        var device = new FakeDeviceCapture(DeviceFormats.Mix(isFloat, rate, bits, channels));
        using var capture = new ConvertingCapture(device);
        Assert.Equal(VoiceFormat.WaveFormat, capture.WaveFormat);
        var output = new List<double>();
        var sizes = new List<int>();
        capture.DataAvailable += (_, e) =>
        {
            sizes.Add(e.BytesRecorded);
            foreach (var s in MemoryMarshal.Cast<byte, short>(e.Buffer.AsSpan(0, e.BytesRecorded))) output.Add(s / 32767.0);
        };
        capture.StartRecording();

        long sent = 0;
        var total = (long)rate * Seconds;
        for (var k = 0; sent < total; k++)
        {
            var n = (int)Math.Min(Periods[k % Periods.Length], total - sent);
            device.Deliver(DeviceFormats.Encode(DeviceFormats.Tone(Hz, Amplitude, rate, channels, sent, n), isFloat, bits));
            sent += n;
        }

        Assert.All(sizes, s => Assert.Equal(VoiceFormat.FrameBytes, s));
        // Ten seconds in are ten seconds out, less at most the resampler's delay and the unfinished frame.
        Assert.InRange(output.Count, Seconds * VoiceFormat.SampleRate - 2 * VoiceFormat.FrameSamples, Seconds * VoiceFormat.SampleRate);
        AssertSteadyTone(output, VoiceFormat.SampleRate, Amplitude);
    }

    [Fact]
    public void Chunks_that_split_a_sample_frame_keep_the_channels_apart()
    {
        // A left-only tone: if half a stereo pair were lost at a chunk edge, the channels would swap
        // and the level would jump between full and silent.
        var format = DeviceFormats.Mix(true, 44100, 32, 2);
        var tone = DeviceFormats.Tone(Hz, Amplitude, 44100, 2, 0, 44100 * 2);
        for (var i = 1; i < tone.Length; i += 2) tone[i] = 0;
        var bytes = DeviceFormats.Encode(tone, isFloat: true, bits: 32);
        var adapter = new CaptureFormatAdapter(format);
        var output = new List<double>();
        for (int at = 0, k = 0; at < bytes.Length; k++)
        {
            var n = Math.Min(bytes.Length - at, 997 + k % 5); // odd byte counts: never whole pairs
            adapter.Write(bytes.AsSpan(at, n), f => { foreach (var s in MemoryMarshal.Cast<byte, short>(f)) output.Add(s / 32767.0); });
            at += n;
        }
        AssertSteadyTone(output, VoiceFormat.SampleRate, Amplitude / 2);
    }

    [Theory]
    [InlineData(true, 44100, 32, 2)]
    [InlineData(true, 48000, 32, 2)]
    [InlineData(false, 48000, 16, 2)]
    [InlineData(false, 44100, 24, 1)]
    [InlineData(false, 96000, 32, 4)]
    public void Playback_gives_the_device_its_mix_format_on_every_channel_without_drift(bool isFloat, int rate, int bits, int channels)
    {
        var device = new FakeDevicePlayer();
        var mix = DeviceFormats.Mix(isFloat, rate, bits, channels);
        using var speaker = new ConvertingPlayback(device, mix);
        var voice = new ToneProvider(Hz, Amplitude);
        speaker.Init(voice);
        speaker.Play();

        Assert.Equal(VoiceFormat.WaveFormat, speaker.OutputWaveFormat);
        var format = device.OutputWaveFormat;
        Assert.Equal((rate, channels, bits), (format.SampleRate, format.Channels, format.BitsPerSample));
        Assert.Equal(isFloat ? WaveFormatEncoding.IeeeFloat : WaveFormatEncoding.Pcm, format.Encoding);

        var perChannel = Enumerable.Range(0, channels).Select(_ => new List<double>()).ToArray();
        long pulled = 0;
        for (var k = 0; pulled < (long)rate * Seconds; k++)
        {
            var frames = Periods[k % Periods.Length];
            var chunk = device.Pull(frames * format.BlockAlign);
            Assert.Equal(frames * format.BlockAlign, chunk.Length); // a short read would stop a WASAPI player
            var samples = DeviceFormats.Decode(chunk, isFloat, bits);
            for (var i = 0; i < samples.Length; i++) perChannel[i % channels].Add(samples[i]);
            pulled += frames;
        }

        for (var c = 1; c < channels; c++) Assert.Equal(perChannel[0], perChannel[c]);
        AssertSteadyTone(perChannel[0], rate, Amplitude);
        // The call's audio is consumed at exactly the device's pace: a jitter buffer behind it neither fills nor drains.
        var expected = pulled * VoiceFormat.SampleRate / (double)rate;
        Assert.InRange(voice.SamplesRead, expected, expected + 2 * VoiceFormat.FrameSamples);
    }

    [Fact]
    public void Devices_keep_their_lifecycle_and_errors_through_the_wrappers()
    {
        var device = new FakeDeviceCapture(DeviceFormats.Mix(true, 48000, 32, 2));
        var owned = new Flag();
        var capture = new ConvertingCapture(device, owned);
        StoppedEventArgs? stopped = null;
        capture.RecordingStopped += (_, e) => stopped = e;
        capture.StartRecording();
        Assert.True(device.Recording);
        var failure = new IOException("unplugged");
        device.Fail(failure);
        Assert.Same(failure, stopped?.Exception);
        capture.Dispose();
        Assert.True(device.Disposed);
        Assert.True(owned.Disposed);

        var player = new FakeDevicePlayer();
        var speaker = new ConvertingPlayback(player, DeviceFormats.Mix(true, 48000, 32, 2));
        StoppedEventArgs? ended = null;
        speaker.PlaybackStopped += (_, e) => ended = e;
        Assert.Throws<NotSupportedException>(() => speaker.Init(new BufferedWaveProvider(new WaveFormat(44100, 16, 2))));
        speaker.Init(new ToneProvider(Hz, Amplitude));
        speaker.Play();
        Assert.Equal(PlaybackState.Playing, speaker.PlaybackState);
        speaker.Stop();
        Assert.NotNull(ended);
        speaker.Dispose();
        Assert.True(player.Disposed);
    }

    [Fact]
    public void A_format_no_converter_exists_for_is_a_sentence_when_recording_starts()
    {
        using var capture = new ConvertingCapture(new FakeDeviceCapture(WaveFormat.CreateALawFormat(8000, 1)));
        var e = Assert.Throws<NotSupportedException>(() => capture.StartRecording());
        Assert.Contains("microphone uses ALaw", e.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => new PlaybackFormatAdapter(new ToneProvider(Hz, Amplitude), new WaveFormat(8000, 8, 1)));
    }

    /// <summary>A 440 Hz tone at the given level, clean (no clicks, lost or doubled samples) and with one phase from start to end.</summary>
    private static void AssertSteadyTone(List<double> x, int rate, double amplitude)
    {
        var window = rate;                    // one second
        var skip = rate / 10;                 // the resampler's start-up
        var early = DeviceFormats.Component(x, Hz, rate, skip, window);
        var late = DeviceFormats.Component(x, Hz, rate, x.Count - window, window);
        Assert.InRange(early.Amplitude, amplitude * 0.97, amplitude * 1.03);
        Assert.InRange(late.Amplitude, amplitude * 0.97, amplitude * 1.03);
        // A rate error of 0.01 % would turn the phase by ~13° over these seconds; one lost sample by 3°.
        Assert.InRange(Math.Abs(DeviceFormats.PhaseDifference(late.PhaseDegrees, early.PhaseDegrees)), 0, 1.0);
        var snr = DeviceFormats.ToneSnrDb(x, Hz, rate, skip, x.Count - skip);
        Assert.True(snr > 45, $"the tone carries clicks or gaps: SNR {snr:F1} dB");
        var frame = x.Skip(skip).Take(window / 5).Select(v => (short)Math.Round(v * 32767)).ToArray(); // 200 ms: 5 Hz bins
        Assert.InRange(Signals.PeakFrequency(frame, rate), Hz - 10, Hz + 10);
    }

    /// <summary>The call's side: an endless 48 kHz mono 16-bit tone that counts what was read.</summary>
    private sealed class ToneProvider(double hz, double amplitude) : IWaveProvider
    {
        public long SamplesRead { get; private set; }

        public WaveFormat WaveFormat => VoiceFormat.WaveFormat;

        public int Read(Span<byte> buffer)
        {
            var samples = MemoryMarshal.Cast<byte, short>(buffer);
            for (var i = 0; i < samples.Length; i++)
                samples[i] = (short)Math.Round(amplitude * 32767 * Math.Sin(2 * Math.PI * hz * (SamplesRead + i) / VoiceFormat.SampleRate));
            SamplesRead += samples.Length;
            return samples.Length * 2;
        }
    }

    private sealed class Flag : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
