using NAudio.Wave;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Plays one mono float stream on every channel of a device (a voice call has one channel; a
/// speaker may have two or eight). NAudio.Core's <c>MonoToStereoSampleProvider</c> stops at two.
/// </summary>
internal sealed class MonoFanOut : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly int _channels;
    private float[] _buffer = [];

    public MonoFanOut(ISampleProvider source, int channels)
    {
        if (source.WaveFormat.Channels != 1) throw new ArgumentException("the source must be mono", nameof(source));
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        _source = source;
        _channels = channels;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, channels);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(Span<float> buffer)
    {
        var frames = buffer.Length / _channels;
        if (_buffer.Length < frames) _buffer = new float[frames];
        var n = _source.Read(_buffer.AsSpan(0, frames));
        for (var i = 0; i < n; i++)
            buffer.Slice(i * _channels, _channels).Fill(_buffer[i]);
        return n * _channels;
    }
}
