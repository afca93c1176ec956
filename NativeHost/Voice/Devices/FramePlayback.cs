using NAudio.Wave;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Base of our playback devices: NAudio's <see cref="IWavePlayer"/>, pulling 20 ms at a time from the
/// provider given to <see cref="Init"/> on a dedicated thread. The provider must be in the voice
/// format (48 kHz mono 16-bit); a provider that returns 0 bytes has ended, which stops playback.
/// For a live call give it a <see cref="BufferedWaveProvider"/> with ReadFully on, so gaps are silence.
/// </summary>
public abstract class FramePlayback : IWavePlayer
{
    private readonly ManualResetEvent _stop = new(false);
    private IWaveProvider? _source;
    private Thread? _thread;
    private bool _disposed;
    private volatile PlaybackState _state = PlaybackState.Stopped;

    /// <inheritdoc />
    public float Volume { get; set; } = 1f;

    /// <inheritdoc />
    public PlaybackState PlaybackState => _state;

    /// <inheritdoc />
    public WaveFormat OutputWaveFormat => VoiceFormat.WaveFormat;

    /// <inheritdoc />
    public event EventHandler<StoppedEventArgs>? PlaybackStopped;

    /// <summary>The device queue before each write; all zero for devices that cannot tell (WAV, null).</summary>
    public virtual PlaybackQueueStats QueueStats => default;

    /// <inheritdoc />
    public void Init(IWaveProvider waveProvider)
    {
        ArgumentNullException.ThrowIfNull(waveProvider);
        var f = waveProvider.WaveFormat;
        if (f.SampleRate != VoiceFormat.SampleRate || f.Channels != 1 || f.BitsPerSample != 16 || f.Encoding != WaveFormatEncoding.Pcm)
            throw new NotSupportedException($"voice playback needs 48 kHz mono 16-bit PCM, got {f}");
        _source = waveProvider;
    }

    /// <summary>Opens the device (errors throw here, on the caller's thread) and starts pulling.</summary>
    public void Play()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_source is null) throw new InvalidOperationException("call Init first");
        if (_thread is not null) { _state = PlaybackState.Playing; return; }
        Open();
        _stop.Reset();
        _state = PlaybackState.Playing;
        _thread = new Thread(Run) { IsBackground = true, Name = $"{GetType().Name} playback" };
        _thread.Start();
    }

    /// <summary>Pause writes silence instead of pulling, so the device keeps its clock.</summary>
    public void Pause()
    {
        if (_state == PlaybackState.Playing) _state = PlaybackState.Paused;
    }

    /// <inheritdoc />
    public void Stop()
    {
        var t = _thread;
        if (t is null) return;
        _stop.Set();
        if (t != Thread.CurrentThread) t.Join();
        _thread = null;
    }

    /// <summary>Waits until playback ends by itself (the provider ran out) or <paramref name="timeout"/> passes.</summary>
    public bool WaitForEnd(TimeSpan timeout) => _thread?.Join(timeout) ?? true;

    /// <summary>Connects to the device.</summary>
    protected abstract void Open();

    /// <summary>Delivers one frame; may block (that is the pacing). Runs on the playback thread.</summary>
    protected abstract void WriteFrame(byte[] frame, int count, WaitHandle stop);

    /// <summary>Finishes output after the last frame (drain) and releases the device.</summary>
    protected abstract void Close(bool drain);

    private void Run()
    {
        Exception? error = null;
        var ended = false;
        try
        {
            var frame = new byte[VoiceFormat.FrameBytes];
            while (!_stop.WaitOne(0))
            {
                int n;
                if (_state == PlaybackState.Paused)
                {
                    Array.Clear(frame);
                    n = frame.Length;
                }
                else
                {
                    n = ReadFull(frame);
                    if (n == 0) { ended = true; break; }
                    ApplyVolume(frame, n);
                }
                WriteFrame(frame, n, _stop);
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }
        try { Close(drain: ended && error is null); }
        catch (Exception ex) { error ??= ex; }
        _state = PlaybackState.Stopped;
        PlaybackStopped?.Invoke(this, new StoppedEventArgs(error));
    }

    private int ReadFull(byte[] frame)
    {
        var total = 0;
        while (total < frame.Length)
        {
            var n = _source!.Read(frame.AsSpan(total));
            if (n <= 0) break;
            total += n;
        }
        return total & ~1;
    }

    private void ApplyVolume(byte[] frame, int count)
    {
        var v = Volume;
        if (v >= 0.999f) return;
        for (var i = 0; i + 1 < count; i += 2)
        {
            var s = (short)(frame[i] | frame[i + 1] << 8);
            var scaled = (short)Math.Clamp(s * v, short.MinValue, short.MaxValue);
            frame[i] = (byte)scaled;
            frame[i + 1] = (byte)(scaled >> 8);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Stop();
        _disposed = true;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
