namespace SecureLink.Voice.Devices;

/// <summary>A speaker that plays nothing but keeps pulling at the call's pace; counts what it consumed.</summary>
/// <param name="realTime">Pace at one frame per 20 ms.</param>
public sealed class NullPlayback(bool realTime = true) : FramePlayback
{
    private FramePacer? _pacer;
    private long _bytes;

    /// <summary>Bytes pulled from the provider so far.</summary>
    public long BytesPlayed => Interlocked.Read(ref _bytes);

    /// <inheritdoc />
    protected override void Open() => _pacer = new FramePacer(realTime);

    /// <inheritdoc />
    protected override void WriteFrame(byte[] frame, int count, WaitHandle stop)
    {
        Interlocked.Add(ref _bytes, count);
        _pacer!.WaitNext(stop);
    }

    /// <inheritdoc />
    protected override void Close(bool drain) { }
}
