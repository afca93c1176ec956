using NAudio.Wave;
using SecureLink.Voice.Call;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Devices;
using SecureLink.Voice.Tests.Devices;

namespace SecureLink.Voice.Tests.Call;

/// <summary>Two VoiceCalls over an <see cref="InMemoryAudioLink"/>, WAV files in and out, in real time.</summary>
internal sealed class CallHarness : IAsyncDisposable
{
    private readonly TempDir _dir = new("slcall-");

    internal CallHarness(Impairment aToB, Impairment bToA, double aHz = 1000, double bHz = 600,
        VoiceCallOptions? options = null, Func<string, IWaveIn>? captureA = null)
    {
        Link = new InMemoryAudioLink(aToB, bToA);
        WriteTone(_dir.File("a.wav"), aHz, 1.0);
        WriteTone(_dir.File("b.wav"), bHz, 1.0);
        A = new VoiceCall(Link.A, captureA?.Invoke(_dir.Path) ?? new WavFileCapture(_dir.File("a.wav")), new WavFileRecorder(_dir.File("a-heard.wav")), options);
        B = new VoiceCall(Link.B, new WavFileCapture(_dir.File("b.wav")), new WavFileRecorder(_dir.File("b-heard.wav")), options);
        A.DeviceFailed += s => { lock (Failures) Failures.Add("A: " + s); };
        B.DeviceFailed += s => { lock (Failures) Failures.Add("B: " + s); };
    }

    internal InMemoryAudioLink Link { get; }
    internal VoiceCall A { get; }
    internal VoiceCall B { get; }
    internal List<string> Failures { get; } = [];
    internal string Folder => _dir.Path;

    internal void Start()
    {
        A.Start();
        B.Start();
    }

    /// <summary>Ends both calls (the recorders finish their files) and returns what each side heard.</summary>
    internal async Task<(short[] AHeard, short[] BHeard)> StopAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        return (ReadWav(_dir.File("a-heard.wav")), ReadWav(_dir.File("b-heard.wav")));
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Link.DisposeAsync();
        _dir.Dispose();
    }

    internal static void WriteTone(string path, double hz, double seconds, double silenceAfter = 0)
    {
        using var w = new WaveFileWriter(path, VoiceFormat.WaveFormat);
        var tone = Signals.Sine(hz, (int)(seconds * VoiceFormat.SampleRate), 0.4);
        foreach (var s in tone) w.WriteSample(s / 32768f);
        for (var i = 0; i < (int)(silenceAfter * VoiceFormat.SampleRate); i++) w.WriteSample(0);
    }

    internal static short[] ReadWav(string path)
    {
        using var r = new WaveFileReader(path);
        var bytes = new byte[r.Length];
        var n = r.Read(bytes, 0, bytes.Length);
        var s = new short[n / 2];
        Buffer.BlockCopy(bytes, 0, s, 0, s.Length * 2);
        return s;
    }

    /// <summary>
    /// Share of 100 ms windows in <paramref name="x"/> where the tone carries most of the energy
    /// (normalised Goertzel: 1 for a pure tone, ~0 for noise or silence).
    /// </summary>
    internal static double TonalWindows(ReadOnlySpan<short> x, double hz)
    {
        const int n = VoiceFormat.SampleRate / 10;
        int windows = 0, tonal = 0;
        for (var at = 0; at + n <= x.Length; at += n)
        {
            var w = x.Slice(at, n);
            double energy = 0;
            foreach (var v in w) energy += (double)v * v;
            windows++;
            if (energy > 0 && 2 * Signals.Goertzel(w, hz) / (n * energy) > 0.5) tonal++;
        }
        return windows == 0 ? 0 : (double)tonal / windows;
    }

    /// <summary>The part of a recording from <paramref name="fromSeconds"/> on, for <paramref name="seconds"/>.</summary>
    internal static ReadOnlySpan<short> Slice(short[] x, double fromSeconds, double seconds)
    {
        var from = Math.Min(x.Length, (int)(fromSeconds * VoiceFormat.SampleRate));
        return x.AsSpan(from, Math.Min(x.Length - from, (int)(seconds * VoiceFormat.SampleRate)));
    }
}
