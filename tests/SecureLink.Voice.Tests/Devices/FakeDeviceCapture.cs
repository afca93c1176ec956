using NAudio.Wave;

namespace SecureLink.Voice.Tests.Devices;

/// <summary>
/// A capture device in its own format (a WASAPI endpoint, which cannot exist on Linux): the test
/// pushes chunks, which arrive in DataAvailable as a device's period would.
/// </summary>
internal sealed class FakeDeviceCapture(WaveFormat format) : IWaveIn
{
    public WaveFormat WaveFormat
    {
        get => format;
        set => throw new NotSupportedException();
    }

    public bool Recording { get; private set; }

    public bool Disposed { get; private set; }

    public event EventHandler<WaveInEventArgs>? DataAvailable;

    public event EventHandler<StoppedEventArgs>? RecordingStopped;

    public void StartRecording() => Recording = true;

    public void StopRecording()
    {
        Recording = false;
        RecordingStopped?.Invoke(this, new StoppedEventArgs());
    }

    /// <summary>Delivers one chunk, in a buffer larger than the data, as NAudio devices do.</summary>
    public void Deliver(ReadOnlySpan<byte> chunk)
    {
        if (!Recording) throw new InvalidOperationException("not recording");
        var buffer = new byte[chunk.Length + 64];
        chunk.CopyTo(buffer);
        DataAvailable?.Invoke(this, new WaveInEventArgs(buffer, chunk.Length));
    }

    public void Fail(Exception e) => RecordingStopped?.Invoke(this, new StoppedEventArgs(e));

    public void Dispose() => Disposed = true;
}
