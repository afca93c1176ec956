using NAudio.Wave;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Reads a WAV file of any PCM/float rate and channel count as endless 48 kHz mono 16-bit frames,
/// starting over at the end (a test talker that never stops). Channels are averaged; the rate is
/// converted with NAudio's WDL resampler. Not thread-safe.
/// </summary>
public sealed class LoopingWavSource : IDisposable
{
    private readonly WaveFileReader _reader;
    private ISampleProvider _chain;
    private readonly float[] _samples = new float[VoiceFormat.FrameSamples];

    /// <summary>Opens <paramref name="path"/>; throws <see cref="InvalidDataException"/> for a file that is not a usable WAV.</summary>
    public LoopingWavSource(string path)
    {
        try
        {
            _reader = new WaveFileReader(path);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a WAV file NAudio can read: {ex.Message}", ex);
        }
        if (_reader.Length == 0) { _reader.Dispose(); throw new InvalidDataException($"{Path.GetFileName(path)} holds no audio"); }
        _chain = BuildChain();
    }

    /// <summary>Fills one 20 ms frame (<see cref="VoiceFormat.FrameSamples"/> samples).</summary>
    public void ReadFrame(Span<short> frame)
    {
        if (frame.Length < VoiceFormat.FrameSamples) throw new ArgumentException("frame too small", nameof(frame));
        var filled = 0;
        var restarts = 0;
        while (filled < VoiceFormat.FrameSamples)
        {
            var n = _chain.Read(_samples.AsSpan(0, VoiceFormat.FrameSamples - filled));
            if (n <= 0)
            {
                if (++restarts > 2) { frame[filled..VoiceFormat.FrameSamples].Clear(); break; }
                _reader.Position = 0;
                _chain = BuildChain(); // the resampler keeps history; start it clean like the file
                continue;
            }
            VoiceSampleChain.ToPcm16(_samples.AsSpan(0, n), frame[filled..]);
            filled += n;
        }
    }

    private ISampleProvider BuildChain() => VoiceSampleChain.ToVoiceMono(_reader.ToSampleProvider());

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
