using NAudio.Wave;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// A microphone in the call format made from one in its own format: wraps a device's
/// <see cref="IWaveIn"/> (on Windows a WASAPI endpoint) and raises one 20 ms voice frame per
/// <see cref="DataAvailable"/>, on the device's own thread, like our other capture devices.
/// The device's format is read when recording starts (WASAPI knows its mix format only then).
/// </summary>
public sealed class ConvertingCapture : IWaveIn
{
    private readonly IWaveIn _device;
    private readonly IDisposable? _owned;
    private CaptureFormatAdapter? _adapter;
    private bool _disposed;

    /// <param name="device">The device; this wrapper owns it and disposes it.</param>
    /// <param name="owned">Something the device needs while it lives (a WASAPI endpoint), disposed after it.</param>
    public ConvertingCapture(IWaveIn device, IDisposable? owned = null)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _owned = owned;
        _device.DataAvailable += OnDeviceData;
        _device.RecordingStopped += OnDeviceStopped;
    }

    /// <inheritdoc />
    public WaveFormat WaveFormat
    {
        get => VoiceFormat.WaveFormat;
        set
        {
            if (!VoiceSampleChain.IsVoiceFormat(value)) throw new NotSupportedException("voice capture is 48 kHz mono 16-bit only");
        }
    }

    /// <inheritdoc />
    public event EventHandler<WaveInEventArgs>? DataAvailable;

    /// <inheritdoc />
    public event EventHandler<StoppedEventArgs>? RecordingStopped;

    /// <summary>Checks the device's format (a sentence names one we cannot convert) and starts it.</summary>
    public void StartRecording()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _adapter = new CaptureFormatAdapter(_device.WaveFormat);
        _device.StartRecording();
    }

    /// <inheritdoc />
    public void StopRecording() => _device.StopRecording();

    private void OnDeviceData(object? sender, WaveInEventArgs e)
    {
        var adapter = _adapter;
        if (adapter is null || e.BytesRecorded <= 0) return;
        adapter.Write(e.Buffer.AsSpan(0, Math.Min(e.BytesRecorded, e.Buffer.Length)), RaiseFrame);
    }

    private void RaiseFrame(byte[] frame) => DataAvailable?.Invoke(this, new WaveInEventArgs(frame, frame.Length));

    private void OnDeviceStopped(object? sender, StoppedEventArgs e) => RecordingStopped?.Invoke(this, e);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _device.DataAvailable -= OnDeviceData;
        _device.RecordingStopped -= OnDeviceStopped;
        try { _device.Dispose(); }
        finally { _owned?.Dispose(); }
    }
}
