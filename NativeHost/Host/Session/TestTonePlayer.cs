using NAudio.Wave;
using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Protocol;
using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Session;

/// <summary>
/// The options page's "Play test tone": one short tone at a time on a chosen speaker. Answers as
/// soon as the device plays (so a device error is the request's error) and tells the end with an
/// <c>audio.tone</c> event, because requests are handled one at a time and a second of waiting
/// would hold up every other request behind it.
/// </summary>
public sealed class TestTonePlayer : IAsyncDisposable
{
    private readonly IEventSink _events;
    private readonly Func<bool> _callInProgress;
    private readonly ILog _log;
    private readonly Lock _gate = new();
    private IWavePlayer? _playing;

    public TestTonePlayer(IEventSink events, Func<bool> callInProgress, ILog log)
    {
        _events = events;
        _callInProgress = callInProgress;
        _log = log;
    }

    /// <summary>Whether a tone is playing now.</summary>
    public bool IsPlaying { get { lock (_gate) return _playing is not null; } }

    /// <summary>Starts the tone on <paramref name="spec"/>; returns its length in milliseconds.</summary>
    public int Play(AudioDeviceSpec spec)
    {
        if (_callInProgress()) throw AudioCheckErrors.CallBusy();
        // A WAV "speaker" is a file a test or interop run asked for; a tone must not overwrite it.
        if (spec.Kind == AudioDeviceKind.Wav)
            throw new RequestException(AudioTestCodes.AudioDevice, "The speaker is set to a WAV file (SECURELINK_AUDIO_OUT), so there is nothing to play a tone on.");
        var tone = new TestTone();
        IWavePlayer player;
        lock (_gate)
        {
            if (_playing is not null) throw new RequestException(ErrorCodes.Busy, "A test tone is already playing.");
            try
            {
                player = AudioDevices.OpenPlayback(spec);
            }
            catch (Exception e) when (AudioCheckErrors.IsDeviceProblem(e))
            {
                throw AudioCheckErrors.Device("The speaker could not be opened", e);
            }
            _playing = player;
        }
        try
        {
            player.Init(tone);
            player.PlaybackStopped += (_, e) => _ = Task.Run(() => OnStoppedAsync(player, e.Exception));
            player.Play();
        }
        catch (Exception e) when (AudioCheckErrors.IsDeviceProblem(e))
        {
            lock (_gate) _playing = null;
            player.Dispose();
            throw AudioCheckErrors.Device("The speaker could not be opened", e);
        }
        return (int)Math.Round(tone.TotalSamples * 1000.0 / tone.WaveFormat.SampleRate);
    }

    /// <summary>Cuts a playing tone short; the page hears <c>audio.tone ended</c> with <paramref name="reasonCode"/>.</summary>
    public async Task StopAsync(string reasonCode)
    {
        IWavePlayer? player;
        lock (_gate)
        {
            player = _playing;
            _playing = null;
        }
        if (player is null) return;
        player.Dispose();
        await _events.EmitAsync(new AudioToneEvent("ended", reasonCode, AudioCheckErrors.StopSentence(reasonCode)),
            AudioTestJsonContext.Default.AudioToneEvent, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task OnStoppedAsync(IWavePlayer player, Exception? error)
    {
        lock (_gate)
        {
            if (_playing != player) return; // cut short: StopAsync already said so
            _playing = null;
        }
        player.Dispose();
        if (error is not null && _log.IsEnabled(LogLevel.Error)) _log.Write(LogLevel.Error, "audio", $"test tone failed: {error.GetType().Name}");
        var done = error is null
            ? new AudioToneEvent("ended")
            : new AudioToneEvent("failed", AudioTestCodes.AudioDevice, AudioCheckErrors.Sentence("The speaker stopped", error));
        await _events.EmitAsync(done, AudioTestJsonContext.Default.AudioToneEvent, CancellationToken.None).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        IWavePlayer? player;
        lock (_gate)
        {
            player = _playing;
            _playing = null;
        }
        player?.Dispose();
        return ValueTask.CompletedTask;
    }
}
