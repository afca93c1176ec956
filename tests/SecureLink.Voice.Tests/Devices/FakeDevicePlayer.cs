using NAudio.Wave;

namespace SecureLink.Voice.Tests.Devices;

/// <summary>A playback device in its own format (a WASAPI endpoint): the test pulls its periods.</summary>
internal sealed class FakeDevicePlayer : IWavePlayer
{
    private IWaveProvider? _source;

    public float Volume { get; set; } = 1f;

    public PlaybackState PlaybackState { get; private set; }

    public WaveFormat OutputWaveFormat => _source?.WaveFormat ?? throw new InvalidOperationException("not initialised");

    public bool Disposed { get; private set; }

    public event EventHandler<StoppedEventArgs>? PlaybackStopped;

    public void Init(IWaveProvider waveProvider) => _source = waveProvider;

    public void Play() => PlaybackState = PlaybackState.Playing;

    public void Pause() => PlaybackState = PlaybackState.Paused;

    public void Stop()
    {
        PlaybackState = PlaybackState.Stopped;
        PlaybackStopped?.Invoke(this, new StoppedEventArgs());
    }

    /// <summary>One device period: asks the provider for <paramref name="bytes"/> bytes, returns what it gave.</summary>
    public byte[] Pull(int bytes)
    {
        var buffer = new byte[bytes];
        var n = _source!.Read(buffer);
        return buffer[..n];
    }

    public void Dispose() => Disposed = true;
}
