using NAudio.Wave;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>Playback device that writes what it plays to a WAV file (48 kHz mono 16-bit).</summary>
/// <param name="path">File to create (overwritten).</param>
/// <param name="realTime">Pace at one frame per 20 ms (true) or drain the provider as fast as it gives.</param>
public sealed class WavFileRecorder(string path, bool realTime = true) : FramePlayback
{
    private WaveFileWriter? _writer;
    private FramePacer? _pacer;

    /// <inheritdoc />
    protected override void Open()
    {
        _writer = new WaveFileWriter(path, VoiceFormat.WaveFormat);
        _pacer = new FramePacer(realTime);
    }

    /// <inheritdoc />
    protected override void WriteFrame(byte[] frame, int count, WaitHandle stop)
    {
        _writer!.Write(frame, 0, count);
        _pacer!.WaitNext(stop);
    }

    /// <inheritdoc />
    protected override void Close(bool drain)
    {
        _writer?.Dispose(); // writes the RIFF sizes
        _writer = null;
    }
}
