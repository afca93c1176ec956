using NAudio.Wave;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// The options page's speaker check: a short sine in the voice format that ends by itself (Read
/// returns 0, which ends and drains our playback devices). A raised-cosine fade at both ends keeps
/// it from clicking, and −12 dBFS is clearly audible without startling anyone on a loud speaker.
/// </summary>
public sealed class TestTone : IWaveProvider
{
    private readonly int _total;
    private readonly int _fade;
    private readonly double _amplitude;
    private readonly double _step;
    private int _position;

    /// <param name="frequencyHz">Pitch (440 Hz, concert A, by default).</param>
    /// <param name="duration">Length, fades included.</param>
    /// <param name="levelDbfs">Peak level relative to full scale.</param>
    /// <param name="fade">Length of each fade.</param>
    public TestTone(double frequencyHz = 440, TimeSpan? duration = null, double levelDbfs = -12, TimeSpan? fade = null)
    {
        if (frequencyHz is <= 0 or >= VoiceFormat.SampleRate / 2.0) throw new ArgumentOutOfRangeException(nameof(frequencyHz));
        if (levelDbfs > 0) throw new ArgumentOutOfRangeException(nameof(levelDbfs), "a tone above full scale would clip");
        _total = Samples(duration ?? TimeSpan.FromSeconds(1));
        _fade = Math.Min(Samples(fade ?? TimeSpan.FromMilliseconds(50)), _total / 2);
        _amplitude = short.MaxValue * Math.Pow(10, levelDbfs / 20);
        _step = 2 * Math.PI * frequencyHz / VoiceFormat.SampleRate;
    }

    /// <summary>Samples in the whole tone.</summary>
    public int TotalSamples => _total;

    /// <inheritdoc />
    public WaveFormat WaveFormat => VoiceFormat.WaveFormat;

    /// <inheritdoc />
    public int Read(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length / 2, _total - _position);
        for (var i = 0; i < n; i++)
        {
            var t = _position + i;
            var s = (short)Math.Round(_amplitude * Envelope(t) * Math.Sin(_step * t));
            buffer[2 * i] = (byte)s;
            buffer[2 * i + 1] = (byte)(s >> 8);
        }
        _position += n;
        return n * 2;
    }

    private double Envelope(int t)
    {
        var edge = Math.Min(t, _total - 1 - t);
        return edge >= _fade ? 1 : 0.5 - 0.5 * Math.Cos(Math.PI * edge / _fade);
    }

    private static int Samples(TimeSpan t) => (int)Math.Clamp(t.TotalSeconds * VoiceFormat.SampleRate, 1, VoiceFormat.SampleRate * 10.0);
}
