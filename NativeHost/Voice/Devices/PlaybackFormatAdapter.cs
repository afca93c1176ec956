using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Presents a call's speaker audio (48 kHz mono 16-bit) in a playback device's own format: WASAPI
/// shared mode plays the mix format (typically 32-bit float stereo at 44.1 or 48 kHz). The rate is
/// converted by NAudio.Core's WDL resampler and the one channel is played on every device channel.
/// Reads are always filled unless the call's provider ends (returns 0), which ends playback.
/// </summary>
public sealed class PlaybackFormatAdapter : IWaveProvider
{
    private readonly IWaveProvider _output;

    /// <param name="voice">The call's audio, in the voice format.</param>
    /// <param name="deviceFormat">What the device plays; a WAVEFORMATEXTENSIBLE is read as its plain form.</param>
    public PlaybackFormatAdapter(IWaveProvider voice, WaveFormat deviceFormat)
    {
        ArgumentNullException.ThrowIfNull(voice);
        if (!VoiceSampleChain.IsVoiceFormat(voice.WaveFormat))
            throw new NotSupportedException($"voice playback needs 48 kHz mono 16-bit PCM, got {voice.WaveFormat}");
        var target = VoiceSampleChain.Standard(deviceFormat, "speaker");
        ISampleProvider s = new Pcm16BitToSampleProvider(voice);
        if (target.SampleRate != VoiceFormat.SampleRate) s = new WdlResamplingSampleProvider(s, target.SampleRate);
        if (target.Channels > 1) s = new MonoFanOut(s, target.Channels);
        _output = target.Encoding == WaveFormatEncoding.IeeeFloat
            ? new SampleToWaveProvider(s)
            : target.BitsPerSample switch
            {
                16 => new SampleToWaveProvider16(s),
                24 => new SampleToWaveProvider24(s),
                _ => new Pcm32Out(s),
            };
    }

    /// <inheritdoc />
    public WaveFormat WaveFormat => _output.WaveFormat;

    /// <inheritdoc />
    public int Read(Span<byte> buffer)
    {
        // The resampler may hand out a little less than asked near its start; a device treats a
        // short read as the end of the stream, so keep pulling until the buffer is full.
        var total = 0;
        while (total < buffer.Length)
        {
            var n = _output.Read(buffer[total..]);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>Float → 32-bit integer PCM, the one device format NAudio.Core has no writer for.</summary>
    private sealed class Pcm32Out(ISampleProvider source) : IWaveProvider
    {
        private float[] _buffer = [];

        public WaveFormat WaveFormat { get; } = new(source.WaveFormat.SampleRate, 32, source.WaveFormat.Channels);

        public int Read(Span<byte> buffer)
        {
            var count = buffer.Length / 4;
            if (_buffer.Length < count) _buffer = new float[count];
            var n = source.Read(_buffer.AsSpan(0, count));
            for (var i = 0; i < n; i++)
            {
                var v = (int)Math.Clamp(Math.Round(_buffer[i] * (double)int.MaxValue), int.MinValue, int.MaxValue);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer.Slice(i * 4, 4), v);
            }
            return n * 4;
        }
    }
}
