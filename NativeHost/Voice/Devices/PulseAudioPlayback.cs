namespace SecureLink.Voice.Devices;

/// <summary>
/// Speaker through PulseAudio's simple API; pa_simple_write blocks, which paces playback.
///
/// The playback queue adapts like a jitter buffer for the device: it starts small (40 ms, the
/// low-latency case of an idle machine) and grows by one frame whenever the queue is found empty
/// before a write (an underrun: our thread was scheduled too late and the listener heard a gap).
/// pa_simple cannot resize a stream, so growing reconnects it; at that moment the queue is empty
/// anyway, so nothing queued is lost. Measured on the shared 2-core machine at load ~60: a fixed
/// 40 ms queue underran about once a second, 80 ms almost never (docs/benchmarks.md).
/// </summary>
/// <param name="server">PulseAudio server string; null = default.</param>
/// <param name="device">Sink name; null = default sink.</param>
public sealed class PulseAudioPlayback(string? server = null, string? device = null) : FramePlayback
{
    /// <summary>Queue (tlength) a playback starts with, in 20 ms frames.</summary>
    public const int StartFrames = 2;

    /// <summary>Largest queue growth may reach: beyond this the delay hurts more than a rare gap.</summary>
    public const int MaxFrames = 6;

    // One stall often shows as two or three empty readings in a row; wait a second before growing
    // again, so a single stall costs one frame of delay, not the whole range.
    private const int WritesBetweenGrowth = 50;

    private readonly PlaybackQueueMeter _queue = new();
    private PulseAudioStream? _stream;
    private bool _wrote;
    private int _frames = StartFrames;
    private int _sinceGrowth = WritesBetweenGrowth;

    /// <summary>How full the server's queue was before each write, how often it had run dry, and the queue size now.</summary>
    public override PlaybackQueueStats QueueStats => _queue.Snapshot();

    /// <inheritdoc />
    protected override void Open()
    {
        _frames = StartFrames;
        _sinceGrowth = WritesBetweenGrowth;
        Connect();
    }

    private void Connect()
    {
        _stream = PulseAudioStream.Open(server, device, record: false, "SecureLink call", _frames);
        _queue.SetTarget(_frames * Codec.VoiceFormat.FrameMilliseconds);
        _wrote = false;
    }

    /// <inheritdoc />
    protected override void WriteFrame(byte[] frame, int count, WaitHandle stop)
    {
        _sinceGrowth++;
        // Before the first write there is nothing queued by design; after it, an empty queue is a gap.
        if (_wrote && _stream!.Latency() is { } queued && _queue.Add(queued) && _frames < MaxFrames && _sinceGrowth >= WritesBetweenGrowth)
        {
            _stream.Dispose();
            _stream = null;
            _frames++;
            _sinceGrowth = 0;
            _queue.CountGrowth();
            Connect();
        }
        _stream!.Write(frame, count);
        _wrote = true;
    }

    /// <inheritdoc />
    protected override void Close(bool drain)
    {
        try
        {
            if (drain) _stream?.Drain();
        }
        finally
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
