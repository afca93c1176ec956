using NAudio.Wave;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// A speaker that takes the call format, made from one that plays its own format: wraps a device's
/// <see cref="IWavePlayer"/> (on Windows a WASAPI endpoint) and puts a
/// <see cref="PlaybackFormatAdapter"/> between the call's provider and the device.
/// </summary>
public sealed class ConvertingPlayback : IWavePlayer
{
    private readonly IWavePlayer _device;
    private readonly WaveFormat _deviceFormat;
    private readonly IDisposable? _owned;
    private bool _disposed;

    /// <param name="device">The device; this wrapper owns it and disposes it.</param>
    /// <param name="deviceFormat">What the device plays (WASAPI shared mode: its mix format).</param>
    /// <param name="owned">Something the device needs while it lives (a WASAPI endpoint), disposed after it.</param>
    public ConvertingPlayback(IWavePlayer device, WaveFormat deviceFormat, IDisposable? owned = null)
    {
        _owned = owned;
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _deviceFormat = deviceFormat ?? throw new ArgumentNullException(nameof(deviceFormat));
        _device.PlaybackStopped += OnDeviceStopped;
    }

    /// <inheritdoc />
    public float Volume
    {
        get => _device.Volume;
        set => _device.Volume = value;
    }

    /// <inheritdoc />
    public PlaybackState PlaybackState => _device.PlaybackState;

    /// <inheritdoc />
    public WaveFormat OutputWaveFormat => VoiceFormat.WaveFormat;

    /// <inheritdoc />
    public event EventHandler<StoppedEventArgs>? PlaybackStopped;

    /// <summary>Takes the call's provider (48 kHz mono 16-bit; anything else is refused) and gives the device its own format.</summary>
    public void Init(IWaveProvider waveProvider)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.Init(new PlaybackFormatAdapter(waveProvider, _deviceFormat));
    }

    /// <inheritdoc />
    public void Play() => _device.Play();

    /// <inheritdoc />
    public void Pause() => _device.Pause();

    /// <inheritdoc />
    public void Stop() => _device.Stop();

    private void OnDeviceStopped(object? sender, StoppedEventArgs e) => PlaybackStopped?.Invoke(this, e);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _device.PlaybackStopped -= OnDeviceStopped;
        try { _device.Dispose(); }
        finally { _owned?.Dispose(); }
    }
}
