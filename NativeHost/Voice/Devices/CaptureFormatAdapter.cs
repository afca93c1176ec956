using System.Runtime.InteropServices;
using NAudio.Wave;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Turns what a capture device delivers — its own format (WASAPI shared mode gives the mix format,
/// typically 32-bit float stereo at 44.1 or 48 kHz), in chunks of whatever size its period is —
/// into 20 ms voice frames: 48 kHz mono 16-bit, <see cref="VoiceFormat.FrameSamples"/> samples each.
/// Channels are averaged and the rate converted by NAudio.Core's WDL resampler, which keeps its
/// state across chunks, so frame boundaries never click and no sample is lost or doubled: N seconds
/// in are N seconds out, less the resampler's few milliseconds of delay. Not thread-safe: one
/// device thread feeds it.
/// </summary>
public sealed class CaptureFormatAdapter
{
    private readonly BufferedWaveProvider _input;
    private readonly ISampleProvider _chain;
    private readonly int _blockAlign;
    private readonly int _rate;
    private readonly int _margin;
    private readonly byte[] _partial;
    private int _partialFill;
    private readonly float[] _samples = new float[VoiceFormat.FrameSamples];
    private int _fill;
    private readonly byte[] _frame = new byte[VoiceFormat.FrameBytes];

    /// <summary>Throws <see cref="NotSupportedException"/> (with a sentence naming the format) for a format NAudio.Core cannot convert.</summary>
    public CaptureFormatAdapter(WaveFormat deviceFormat)
    {
        var f = VoiceSampleChain.Standard(deviceFormat, "microphone");
        DeviceFormat = deviceFormat;
        _blockAlign = f.BlockAlign;
        _rate = f.SampleRate;
        _margin = f.SampleRate == VoiceFormat.SampleRate ? 0 : ResamplerMargin;
        _partial = new byte[_blockAlign];
        // A second of slack: each Write drains the buffer down to the margin, so it holds about one chunk.
        _input = new BufferedWaveProvider(f, TimeSpan.FromSeconds(1)) { ReadFully = false, DiscardOnBufferOverflow = true };
        _chain = VoiceSampleChain.ToVoiceMono(_input.ToSampleProvider());
    }

    // Input sample frames the resampler may want beyond the ratio for one read (measured: 8 suffice).
    private const int ResamplerMargin = 16;

    /// <summary>The device format given at construction.</summary>
    public WaveFormat DeviceFormat { get; }

    /// <summary>
    /// Feeds one chunk from the device and calls <paramref name="onFrame"/> for each 20 ms frame it
    /// completes, always with the same buffer (<see cref="VoiceFormat.FrameBytes"/> bytes): copy what you keep.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data, Action<byte[]> onFrame)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        while (!data.IsEmpty)
        {
            // Only whole sample frames go in: half a stereo float pair would swap the channels from there on.
            var take = Math.Min(data.Length, 4096 * _blockAlign);
            take = Accept(data[..take]);
            data = data[take..];
            Drain(onFrame);
        }
    }

    private int Accept(ReadOnlySpan<byte> data)
    {
        var used = 0;
        if (_partialFill > 0)
        {
            used = Math.Min(data.Length, _blockAlign - _partialFill);
            data[..used].CopyTo(_partial.AsSpan(_partialFill));
            _partialFill += used;
            if (_partialFill < _blockAlign) return used;
            _input.AddSamples(_partial);
            _partialFill = 0;
            data = data[used..];
        }
        var whole = data.Length - data.Length % _blockAlign;
        _input.AddSamples(data[..whole]);
        var rest = data[whole..];
        rest.CopyTo(_partial);
        _partialFill = rest.Length;
        return used + data.Length;
    }

    private void Drain(Action<byte[]> onFrame)
    {
        while (true)
        {
            // WDL must never be starved: on a short read it still produces the samples asked for,
            // from stale input, which measured as noise 30 dB below the tone at 10 ms chunks (76 dB
            // when fed whole). So ask only for what the buffered input surely covers; the rest
            // waits for the next chunk (the margin is well under a millisecond of delay).
            var frames = _input.BufferedBytes / _blockAlign - _margin;
            var available = (int)Math.Min(int.MaxValue, frames * (long)VoiceFormat.SampleRate / _rate);
            var want = Math.Min(_samples.Length - _fill, available);
            if (want <= 0) return;
            var n = _chain.Read(_samples.AsSpan(_fill, want));
            if (n <= 0) return;
            _fill += n;
            if (_fill < _samples.Length) continue;
            VoiceSampleChain.ToPcm16(_samples, MemoryMarshal.Cast<byte, short>(_frame.AsSpan()));
            _fill = 0;
            onFrame(_frame);
        }
    }
}
