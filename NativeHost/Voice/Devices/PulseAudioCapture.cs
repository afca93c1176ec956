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

    /// <inheritdoc />
    protected override void Open() => _stream = PulseAudioStream.Open(server, device, record: true, "SecureLink microphone");

    /// <inheritdoc />
    protected override bool ReadFrame(byte[] frame, WaitHandle stop)
    {
        _stream!.Read(frame);
        return true;
    }

    /// <inheritdoc />
    protected override void Close()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
