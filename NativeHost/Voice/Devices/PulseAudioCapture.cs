namespace SecureLink.Voice.Devices;

/// <summary>
/// Microphone (or any source, e.g. <c>sink.monitor</c>) through PulseAudio's simple API.
/// pa_simple_read blocks for each 20 ms, so the server's clock paces capture.
/// </summary>
/// <param name="server">PulseAudio server string (e.g. <c>unix:/run/user/1000/pulse/native</c>); null = default.</param>
/// <param name="device">Source name; null = default source.</param>
public sealed class PulseAudioCapture(string? server = null, string? device = null) : FrameCapture
{
    private PulseAudioStream? _stream;
    private readonly Lock _gate = new();
    private double _latencySumMs;
    private long _latencyCount;

    /// <summary>Mean record latency the server reported right after each read (what was captured but not yet read, plus the source's own).</summary>
    public override double AverageLatencyMs
    {
        get
        {
            lock (_gate) return _latencyCount == 0 ? 0 : _latencySumMs / _latencyCount;
        }
    }

    /// <inheritdoc />
    protected override void Open() => _stream = PulseAudioStream.Open(server, device, record: true, "SecureLink microphone");

    /// <inheritdoc />
    protected override bool ReadFrame(byte[] frame, WaitHandle stop)
    {
        _stream!.Read(frame);
        if (_stream.Latency() is { } latency)
        {
            lock (_gate)
            {
                _latencySumMs += latency.TotalMilliseconds;
                _latencyCount++;
            }
        }
        return true;
    }

    /// <inheritdoc />
    protected override void Close()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
