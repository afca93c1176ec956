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
/// <param name="startQueueMs">Queue (tlength) the playback starts with; it must exceed one 20 ms frame, since a write of a frame waits for room for all of it.</param>
public sealed class PulseAudioPlayback(string? server = null, string? device = null, int startQueueMs = PulseAudioPlayback.DefaultStartQueueMs) : FramePlayback
{
    /// <summary>Queue (tlength) a playback starts with unless told otherwise.</summary>
    public const int DefaultStartQueueMs = 40;

    /// <summary>Largest queue growth may reach: beyond this the delay hurts more than a rare gap.</summary>
    public const int MaxQueueMs = 120;

    // One frame per growth: what one late wake-up of our thread needs.
    private const int GrowthMs = 20;

    // One stall often shows as two or three empty readings in a row; wait a second before growing
    // again, so a single stall costs one frame of delay, not the whole range.
    private const int WritesBetweenGrowth = 50;

    private readonly PlaybackQueueMeter _queue = new();
    private PulseAudioStream? _stream;
    private bool _wrote;
    private int _queueMs = Math.Clamp(startQueueMs, 25, MaxQueueMs);
    private int _sinceGrowth = WritesBetweenGrowth;

    /// <summary>How full the server's queue was before each write, how often it had run dry, and the queue size now.</summary>
    public override PlaybackQueueStats QueueStats => _queue.Snapshot();

    /// <inheritdoc />
    protected override void Open()
    {
        _queueMs = Math.Clamp(startQueueMs, 25, MaxQueueMs);
        _sinceGrowth = WritesBetweenGrowth;
        Connect();
    }

    private void Connect()
    {
        _stream = PulseAudioStream.Open(server, device, record: false, "SecureLink call", _queueMs);
        _queue.SetTarget(_queueMs);
        _wrote = false;
    }

    /// <inheritdoc />
    protected override void WriteFrame(byte[] frame, int count, WaitHandle stop)
    {
        _sinceGrowth++;
        // Before the first write there is nothing queued by design; after it, an empty queue is a gap.
        if (_wrote && _stream!.Latency() is { } queued && _queue.Add(queued) && _queueMs < MaxQueueMs && _sinceGrowth >= WritesBetweenGrowth)
        {
            _stream.Dispose();
            _stream = null;
            _queueMs = Math.Min(MaxQueueMs, _queueMs + GrowthMs);
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
