using NAudio.Wave;
using SecureLink.Voice.Codec;
using SecureLink.Calls.Measurement;
using SecureLink.Voice.Devices;

namespace SecureLink.Voice.Tests.Devices;

/// <summary>Real PulseAudio: our playback writes a tone into a null sink, our capture records its monitor.</summary>
public sealed class PulseAudioDeviceTests
{
    [Fact]
    public async Task A_tone_played_to_a_null_sink_is_recorded_back_from_its_monitor()
    {
        using var server = PulseAudioDaemon.Start();
        var tone = Signals.Sine(1000, VoiceFormat.SampleRate * 3, amplitude: 0.4);
        var bytes = new byte[tone.Length * 2];
        Buffer.BlockCopy(tone, 0, bytes, 0, bytes.Length);
        var source = new BufferedWaveProvider(VoiceFormat.WaveFormat, TimeSpan.FromSeconds(4)) { ReadFully = false };
        source.AddSamples(bytes, 0, bytes.Length);

        var recorded = new List<short>();
        using var enough = new ManualResetEventSlim();
        using var capture = new PulseAudioCapture(server.Server, "sl_sink.monitor");
        capture.DataAvailable += (_, e) =>
        {
            lock (recorded)
            {
                for (var i = 0; i + 1 < e.BytesRecorded; i += 2) recorded.Add((short)(e.Buffer[i] | e.Buffer[i + 1] << 8));
                if (recorded.Count >= VoiceFormat.SampleRate * 2 && recorded.Skip(recorded.Count - VoiceFormat.SampleRate / 2).Any(s => Math.Abs((int)s) > 4000))
                    enough.Set();
            }
        };
        capture.StartRecording();
        using var playback = new PulseAudioPlayback(server.Server, "sl_sink");
        playback.Init(source);
        playback.Play();

        var got = await Task.Run(() => enough.Wait(TimeSpan.FromSeconds(20)));
        capture.StopRecording();
        playback.Stop();
        Assert.True(got, $"recorded {recorded.Count} samples, peak {(recorded.Count == 0 ? 0 : recorded.Max(s => Math.Abs((int)s)))}");

        short[] tail;
        lock (recorded) tail = recorded.Skip(recorded.Count - VoiceFormat.SampleRate / 2).ToArray();
        Assert.Equal(1000, Signals.PeakFrequency(tail));
        Assert.True(tail.Max(s => Math.Abs((int)s)) > 0.3 * short.MaxValue);
    }

    [Fact]
    public void No_reachable_server_is_a_clear_error()
    {
        using var dir = new TempDir("slpa-none-");
        var server = $"unix:{dir.File("nobody-here")}";
        using var capture = new PulseAudioCapture(server);
        var ex = Assert.Throws<PulseAudioException>(() => capture.StartRecording());
        Assert.Contains(server, ex.Message, StringComparison.Ordinal);
        Assert.Contains("PulseAudio", ex.Message, StringComparison.Ordinal);

        using var playback = new PulseAudioPlayback(server);
        playback.Init(new BufferedWaveProvider(VoiceFormat.WaveFormat));
        Assert.Throws<PulseAudioException>(() => playback.Play());
    }
}
