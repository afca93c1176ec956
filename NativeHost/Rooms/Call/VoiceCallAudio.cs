using SecureLink.Voice.Call;
using SecureLink.WebRtc.Media;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Call;

/// <summary>The product's <see cref="ICallAudio"/>: SecureLink.Voice's <see cref="VoiceCall"/> over the connection's audio stream, with fresh devices.</summary>
public sealed class VoiceCallAudio : ICallAudio
{
    private readonly VoiceCall _call;

    private VoiceCallAudio(VoiceCall call)
    {
        _call = call;
        _call.DeviceFailed += OnDeviceFailed;
    }

    /// <summary>Opens the devices and builds the call (not started). Throws when a device cannot even be opened.</summary>
    public static VoiceCallAudio Open(IRtpAudioChannel channel, ICallDevices devices, ILog log)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var capture = devices.OpenCapture();
        try
        {
            var playback = devices.OpenPlayback();
            return new VoiceCallAudio(new VoiceCall(channel, capture, playback, new VoiceCallOptions { Log = log }));
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    public event Action<string>? DeviceFailed;

    public bool Muted
    {
        get => _call.Muted;
        set => _call.Muted = value;
    }

    public void Start() => _call.Start();

    public CallAudioStats GetStatistics()
    {
        var s = _call.GetStatistics();
        return new CallAudioStats(s.RttMs, s.LossPercent, s.JitterMs, s.Mos, s.R, s.MicLevel, s.PacketsSent, s.PacketsReceived,
            s.FecRecovered, s.Concealed, s.LateDropped, s.JitterBufferMs, s.BitrateBps, s.RemoteLossPercent);
    }

    public async ValueTask DisposeAsync()
    {
        _call.DeviceFailed -= OnDeviceFailed;
        await _call.DisposeAsync().ConfigureAwait(false);
    }

    private void OnDeviceFailed(string sentence) => DeviceFailed?.Invoke(sentence);
}
