using System.Runtime.InteropServices;

namespace SecureLink.Voice.Devices;

/// <summary>Capture device that "speaks" a WAV file in a loop (tests, demos, the terminal mode).</summary>
/// <param name="path">The WAV file; any rate and channel count.</param>
/// <param name="realTime">Pace at one frame per 20 ms (true) or as fast as the consumer takes them.</param>
public sealed class WavFileCapture(string path, bool realTime = true) : FrameCapture
{
    private LoopingWavSource? _source;
    private FramePacer? _pacer;

    /// <inheritdoc />
    protected override void Open()
    {
        _source = new LoopingWavSource(path);
        _pacer = new FramePacer(realTime);
    }

    /// <inheritdoc />
    protected override bool ReadFrame(byte[] frame, WaitHandle stop)
    {
        if (!_pacer!.WaitNext(stop)) return false;
        _source!.ReadFrame(MemoryMarshal.Cast<byte, short>(frame.AsSpan()));
        return true;
    }

    /// <inheritdoc />
    protected override void Close()
    {
        _source?.Dispose();
        _source = null;
    }
}
