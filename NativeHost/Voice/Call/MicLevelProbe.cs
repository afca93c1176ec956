using System.Runtime.InteropServices;
using NAudio.Wave;

namespace SecureLink.Voice.Call;

/// <summary>
/// A microphone opened only to show how loud it is (the options page's "Test microphone"): the
/// same meter a call uses, and nothing else. Each frame is metered and then zeroed; no audio is
/// kept or passed on, only <see cref="Level"/> leaves.
/// </summary>
public sealed class MicLevelProbe : IDisposable
{
    private readonly IWaveIn _capture;
    private readonly MicLevelMeter _meter = new();
    private volatile bool _stopped;
    private volatile Exception? _error;
    private int _disposed;

    /// <param name="capture">The device; the probe owns and disposes it.</param>
    public MicLevelProbe(IWaveIn capture)
    {
        _capture = capture ?? throw new ArgumentNullException(nameof(capture));
        _capture.DataAvailable += OnData;
        _capture.RecordingStopped += OnStopped;
    }

    /// <summary>The level in 0..1 (the dBFS scale of a call's mic meter).</summary>
    public double Level => _stopped ? 0 : _meter.Level;

    /// <summary>True once the device ended by itself (unplugged, server gone); see <see cref="Error"/>.</summary>
    public bool Stopped => _stopped;

    /// <summary>Why the device stopped, if it failed.</summary>
    public Exception? Error => _error;

    /// <summary>Opens the device; connection errors throw here, on the caller's thread.</summary>
    public void Start() => _capture.StartRecording();

    private void OnData(object? sender, WaveInEventArgs e)
    {
        var bytes = e.Buffer.AsSpan(0, e.BytesRecorded & ~1);
        _meter.Add(MemoryMarshal.Cast<byte, short>(bytes));
        bytes.Clear();
    }

    private void OnStopped(object? sender, StoppedEventArgs e)
    {
        _error = e.Exception;
        _stopped = true;
    }

    /// <summary>Closes the device (waits for its thread) and forgets the level.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _capture.DataAvailable -= OnData;
        _capture.RecordingStopped -= OnStopped;
        try { _capture.StopRecording(); }
        finally
        {
            _capture.Dispose();
            _meter.Reset();
        }
    }
}
