namespace SecureLink.Voice.Devices;

/// <summary>Speaker through PulseAudio's simple API; pa_simple_write blocks, which paces playback.</summary>
/// <param name="server">PulseAudio server string; null = default.</param>
/// <param name="device">Sink name; null = default sink.</param>
public sealed class PulseAudioPlayback(string? server = null, string? device = null) : FramePlayback
{
    private PulseAudioStream? _stream;

    /// <inheritdoc />
    protected override void Open() => _stream = PulseAudioStream.Open(server, device, record: false, "SecureLink call");

    /// <inheritdoc />
    protected override void WriteFrame(byte[] frame, int count, WaitHandle stop) => _stream!.Write(frame, count);

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
