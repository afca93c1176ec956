using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Call;

/// <summary>
/// The media of one active call: opens the audio off the caller's thread (devices may take a
/// moment), applies the mute switch, and reports statistics every <c>interval</c> until stopped.
/// Nothing is reported after <see cref="Stop"/> returns, so an ended call never shows later figures.
/// </summary>
internal sealed class CallMedia
{
    private readonly CallId _id;
    private readonly Func<ICallAudio> _open;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Action<CallAudioStats> _onStats;
    private readonly Action<CallId, string> _onProblem;
    private readonly Action<CallId, string> _onFailed;
    private readonly ILog _log;
    private readonly Lock _gate = new();
    private ICallAudio? _audio;
    private ITimer? _timer;
    private Task _starting = Task.CompletedTask;
    private bool _muted;
    private bool _stopped;

    public CallMedia(CallId id, Func<ICallAudio> open, bool muted, TimeProvider time, TimeSpan interval,
        Action<CallAudioStats> onStats, Action<CallId, string> onProblem, Action<CallId, string> onFailed, ILog log)
    {
        _id = id;
        _open = open;
        _muted = muted;
        _time = time;
        _interval = interval;
        _onStats = onStats;
        _onProblem = onProblem;
        _onFailed = onFailed;
        _log = log;
    }

    public void Start() => _starting = Task.Run(StartCore);

    public void SetMuted(bool muted)
    {
        lock (_gate)
        {
            _muted = muted;
            if (_audio is not null) _audio.Muted = muted;
        }
    }

    /// <summary>Stops the ticks at once; the returned task disposes the audio (never throws).</summary>
    public Task Stop()
    {
        ICallAudio? audio;
        lock (_gate)
        {
            if (_stopped) return _starting;
            _stopped = true;
            _timer?.Dispose();
            _timer = null;
            audio = _audio;
            _audio = null;
        }
        return DisposeAfterStartAsync(audio);
    }

    private async Task DisposeAfterStartAsync(ICallAudio? audio)
    {
        await _starting.ConfigureAwait(false);
        if (audio is not null) await DisposeQuietly(audio).ConfigureAwait(false);
    }

    private async Task StartCore()
    {
        ICallAudio audio;
        try
        {
            audio = _open();
        }
        catch (Exception e)
        {
            Log(LogLevel.Error, $"audio could not start: {e.GetType().Name}");
            _onFailed(_id, CallReasons.DeviceError);
            return;
        }
        try
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    audio.Muted = _muted;
                    audio.DeviceFailed += OnDeviceFailed;
                    audio.Start();
                    _audio = audio;
                    _timer = _time.CreateTimer(_ => Tick(), null, _interval, _interval);
                    return;
                }
            }
        }
        catch (Exception e)
        {
            Log(LogLevel.Error, $"audio could not start: {e.GetType().Name}");
            lock (_gate) _audio = null;
            await DisposeQuietly(audio).ConfigureAwait(false);
            _onFailed(_id, CallReasons.DeviceError);
            return;
        }
        // Stopped while the devices were opening.
        await DisposeQuietly(audio).ConfigureAwait(false);
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_stopped || _audio is null) return;
            CallAudioStats stats;
            try
            {
                stats = _audio.GetStatistics();
            }
            catch (Exception e)
            {
                Log(LogLevel.Error, $"call statistics: {e.GetType().Name}");
                return;
            }
            _onStats(stats);
        }
    }

    // Raised on a device thread, perhaps under the voice layer's own locks: hand it on.
    private void OnDeviceFailed(string sentence) => ThreadPool.QueueUserWorkItem(_ => _onProblem(_id, sentence));

    private async Task DisposeQuietly(ICallAudio audio)
    {
        audio.DeviceFailed -= OnDeviceFailed;
        try
        {
            await audio.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log(LogLevel.Error, $"closing the call's audio: {e.GetType().Name}");
        }
    }

    private void Log(LogLevel level, string line)
    {
        if (_log.IsEnabled(level)) _log.Write(level, "call", line);
    }
}
