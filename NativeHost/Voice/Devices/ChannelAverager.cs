using NAudio.Wave;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Mixes any number of interleaved float channels down to mono by averaging them. NAudio.Core's
/// <c>StereoToMonoSampleProvider</c> covers two channels only; surround microphones and WAV files exist.
/// </summary>
internal sealed class ChannelAverager(ISampleProvider source) : ISampleProvider
{
    private readonly int _channels = source.WaveFormat.Channels;
    private float[] _buffer = [];

    public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, 1);

    public int Read(Span<float> buffer)
    {
        var need = buffer.Length * _channels;
        if (_buffer.Length < need) _buffer = new float[need];
        var n = source.Read(_buffer.AsSpan(0, need)) / _channels;
        for (var i = 0; i < n; i++)
        {
            var sum = 0f;
            for (var c = 0; c < _channels; c++) sum += _buffer[i * _channels + c];
            buffer[i] = sum / _channels;
        }
        return n;
    }
}
