using System.Runtime.Versioning;
using NAudio.CoreAudioApi;
using NAudio.Wave;

namespace SecureLink.Voice.Devices;

/// <summary>
/// NAudio 3's <see cref="WasapiRecorder"/> as an <see cref="IWaveIn"/> (the older IWaveIn
/// <c>WasapiCapture</c> is obsolete there). Chunks arrive in the device's mix format, one per WASAPI
/// period, on NAudio's capture thread; <see cref="ConvertingCapture"/> makes voice frames of them.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WasapiRecorderWaveIn : IWaveIn
{
    private readonly WasapiRecorder _recorder;
    private byte[] _buffer = [];

    public WasapiRecorderWaveIn(WasapiRecorder recorder)
    {
        _recorder = recorder;
        _recorder.DataAvailable += OnData;
        _recorder.RecordingStopped += OnStopped;
    }

    public WaveFormat WaveFormat
    {
        get => _recorder.WaveFormat;
        set => throw new NotSupportedException("a shared-mode WASAPI microphone records its mix format");
    }

    public event EventHandler<WaveInEventArgs>? DataAvailable;

    public event EventHandler<StoppedEventArgs>? RecordingStopped;

    public void StartRecording() => _recorder.StartRecording();

    public void StopRecording() => _recorder.StopRecording();

    private void OnData(ReadOnlySpan<byte> data, AudioClientBufferFlags flags, long devicePosition, long qpcPosition)
    {
        if (_buffer.Length < data.Length) _buffer = new byte[data.Length];
        // A "silent" packet's bytes are undefined: Windows means zeros (e.g. the microphone is muted in the mixer).
        if ((flags & AudioClientBufferFlags.Silent) != 0) Array.Clear(_buffer, 0, data.Length);
        else data.CopyTo(_buffer);
        DataAvailable?.Invoke(this, new WaveInEventArgs(_buffer, data.Length));
    }

    private void OnStopped(object? sender, StoppedEventArgs e) => RecordingStopped?.Invoke(this, e);

    public void Dispose()
    {
        _recorder.DataAvailable -= OnData;
        _recorder.RecordingStopped -= OnStopped;
        _recorder.Dispose();
    }
}
