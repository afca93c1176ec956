using NAudio.Wave;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Base of our capture devices: NAudio's <see cref="IWaveIn"/> fed from a dedicated thread, one
/// 20 ms frame (<see cref="VoiceFormat.FrameBytes"/>) per <see cref="DataAvailable"/>. A failure on
/// that thread ends recording and arrives in <see cref="RecordingStopped"/>, never as an unhandled
/// exception.
/// </summary>
public abstract class FrameCapture : IWaveIn
{
    private readonly ManualResetEvent _stop = new(false);
    private Thread? _thread;
    private bool _disposed;

    /// <inheritdoc />
    public WaveFormat WaveFormat
    {
        get => VoiceFormat.WaveFormat;
        set
        {
            if (value.SampleRate != VoiceFormat.SampleRate || value.Channels != 1 || value.BitsPerSample != 16)
                throw new NotSupportedException("voice capture is 48 kHz mono 16-bit only");
        }
    }

    /// <inheritdoc />
    public event EventHandler<WaveInEventArgs>? DataAvailable;

    /// <inheritdoc />
    public event EventHandler<StoppedEventArgs>? RecordingStopped;

    /// <summary>Mean time from a frame's last sample being captured to our read returning it; 0 for devices that cannot tell.</summary>
    public virtual double AverageLatencyMs => 0;

    /// <summary>Whether the capture thread is running.</summary>
    public bool IsRecording => _thread is { IsAlive: true };

    /// <summary>Opens the device (on the caller's thread, so connection errors throw here) and starts the capture thread.</summary>
    public void StartRecording()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is not null) throw new InvalidOperationException("already recording");
        Open();
        _stop.Reset();
        _thread = new Thread(Run) { IsBackground = true, Name = $"{GetType().Name} capture" };
        _thread.Start();
    }

    /// <summary>Stops and waits for the capture thread (at most one frame read).</summary>
    public void StopRecording()
    {
        var t = _thread;
        if (t is null) return;
        _stop.Set();
        if (t != Thread.CurrentThread) t.Join();
        _thread = null;
    }

    /// <summary>Connects to the device.</summary>
    protected abstract void Open();

    /// <summary>Fills <paramref name="frame"/> with the next 20 ms; returns false at end of input. Runs on the capture thread.</summary>
    protected abstract bool ReadFrame(byte[] frame, WaitHandle stop);

    /// <summary>Releases the device after the thread ended.</summary>
    protected abstract void Close();

    private void Run()
    {
        Exception? error = null;
        try
        {
            var frame = new byte[VoiceFormat.FrameBytes];
            while (!_stop.WaitOne(0) && ReadFrame(frame, _stop))
                DataAvailable?.Invoke(this, new WaveInEventArgs(frame, frame.Length));
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            Close();
        }
        RecordingStopped?.Invoke(this, new StoppedEventArgs(error));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        StopRecording();
        _disposed = true;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
