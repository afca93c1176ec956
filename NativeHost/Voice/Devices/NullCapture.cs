namespace SecureLink.Voice.Devices;

/// <summary>A microphone that hears silence: for calls on machines without audio, and for tests.</summary>
/// <param name="realTime">Pace at one frame per 20 ms.</param>
public sealed class NullCapture(bool realTime = true) : FrameCapture
{
    private FramePacer? _pacer;

    /// <inheritdoc />
    protected override void Open() => _pacer = new FramePacer(realTime);

    /// <inheritdoc />
    protected override bool ReadFrame(byte[] frame, WaitHandle stop)
    {
        Array.Clear(frame);
        return _pacer!.WaitNext(stop);
    }

    /// <inheritdoc />
    protected override void Close() { }
}
