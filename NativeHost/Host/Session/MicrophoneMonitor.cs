using System.Diagnostics;
using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Protocol;
using SecureLink.Voice.Call;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Session;

/// <summary>
/// The options page's "Test microphone": one microphone open at a time, metered, its level sent
/// as <c>audio.level</c> about ten times a second. Privacy rules (docs/protocol.md, "Audio checks"):
/// the device is open only between <c>audio.monitor on</c> and whichever comes first of
/// <c>on:false</c>, the time limit, a call, <c>room.leave</c> or exit; no audio leaves this class,
/// only the level number. A stop the client did not ask for is told with an <c>audio.monitor</c> event.
/// </summary>
public sealed class MicrophoneMonitor : IAsyncDisposable
{
    /// <summary>The longest a check may keep the microphone open.</summary>
    public static readonly TimeSpan MaxLimit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(3);

    private readonly IEventSink _events;
    private readonly Func<bool> _callInProgress;
    private readonly ILog _log;
    private readonly SemaphoreSlim _requests = new(1, 1);
    private Check? _current;

    private sealed class Check(MicLevelProbe probe)
    {
        public MicLevelProbe Probe { get; } = probe;
        public CancellationTokenSource Stop { get; } = new();
        public Task Loop { get; set; } = Task.CompletedTask;
    }

    /// <param name="events">Where level and stop events go.</param>
    /// <param name="callInProgress">True while a call rings or runs: then the microphone belongs to it.</param>
    /// <param name="log">Host log (codes only).</param>
    public MicrophoneMonitor(IEventSink events, Func<bool> callInProgress, ILog log)
    {
        _events = events;
        _callInProgress = callInProgress;
        _log = log;
    }

    /// <summary>Whether a microphone is open for a check now.</summary>
    public bool IsOn => Volatile.Read(ref _current) is not null;

    /// <summary>Opens <paramref name="spec"/> (closing any earlier check first); device errors throw <c>audio_device</c>, a call <c>call_busy</c>.</summary>
    public async Task StartAsync(AudioDeviceSpec spec, TimeSpan limit, CancellationToken ct)
    {
        await _requests.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_callInProgress()) throw AudioCheckErrors.CallBusy();
            await StopCurrentAsync(null).ConfigureAwait(false);
            var check = new Check(Open(spec));
            Volatile.Write(ref _current, check);
            check.Loop = Task.Run(() => RunAsync(check, limit), CancellationToken.None);
        }
        finally
        {
            _requests.Release();
        }
    }

    /// <summary>
    /// Closes the microphone if a check has it. <paramref name="reasonCode"/> null: the client asked
    /// (its response says so); otherwise an <c>audio.monitor</c> event tells the page why.
    /// </summary>
    public async Task StopAsync(string? reasonCode)
    {
        await _requests.WaitAsync().ConfigureAwait(false);
        try { await StopCurrentAsync(reasonCode).ConfigureAwait(false); }
        finally { _requests.Release(); }
    }

    private async Task StopCurrentAsync(string? reasonCode)
    {
        var check = Interlocked.Exchange(ref _current, null);
        if (check is null) return;
        await check.Stop.CancelAsync().ConfigureAwait(false);
        // The loop ends at its next await; waiting for it keeps a late level out of the answer's wake.
        await Task.WhenAny(check.Loop, Task.Delay(StopWait)).ConfigureAwait(false);
        await CloseAsync(check, reasonCode).ConfigureAwait(false);
    }

    private static MicLevelProbe Open(AudioDeviceSpec spec)
    {
        MicLevelProbe? probe = null;
        try
        {
            probe = new MicLevelProbe(AudioDevices.OpenCapture(spec));
            probe.Start();
            return probe;
        }
        catch (Exception e) when (AudioCheckErrors.IsDeviceProblem(e))
        {
            probe?.Dispose();
            throw AudioCheckErrors.Device("The microphone could not be opened", e);
        }
    }

    private async Task RunAsync(Check check, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        string reason;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (true)
            {
                await timer.WaitForNextTickAsync(check.Stop.Token).ConfigureAwait(false);
                if (_callInProgress()) { reason = ErrorCodes.CallBusy; break; }
                if (check.Probe.Stopped) { reason = AudioTestCodes.AudioDevice; break; }
                await _events.EmitAsync(new AudioLevelEvent(Math.Round(check.Probe.Level, 3)),
                    AudioTestJsonContext.Default.AudioLevelEvent, check.Stop.Token).ConfigureAwait(false);
                if (clock.Elapsed >= limit) { reason = AudioTestCodes.TimeLimit; break; }
            }
        }
        catch (OperationCanceledException)
        {
            return; // a stop from outside owns the closing
        }
        // Stopping by itself: whoever takes the check out of _current closes it, exactly once.
        if (Interlocked.CompareExchange(ref _current, null, check) == check)
            await CloseAsync(check, reason).ConfigureAwait(false);
    }

    private async Task CloseAsync(Check check, string? reasonCode)
    {
        try { check.Probe.Dispose(); }
        catch (Exception e) when (AudioCheckErrors.IsDeviceProblem(e))
        {
            if (_log.IsEnabled(LogLevel.Error)) _log.Write(LogLevel.Error, "audio", $"closing the microphone check: {e.GetType().Name}");
        }
        check.Stop.Dispose();
        if (_log.IsEnabled(LogLevel.Debug)) _log.Write(LogLevel.Debug, "audio", $"microphone check closed ({reasonCode ?? "asked"})");
        if (reasonCode is null) return;
        var sentence = reasonCode == AudioTestCodes.AudioDevice && check.Probe.Error is { } error
            ? AudioCheckErrors.Sentence("The microphone stopped", error)
            : AudioCheckErrors.StopSentence(reasonCode);
        await _events.EmitAsync(new AudioMonitorEvent(false, reasonCode, sentence),
            AudioTestJsonContext.Default.AudioMonitorEvent, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>At exit: the microphone closes (no event: nobody is listening any more).</summary>
    public async ValueTask DisposeAsync()
    {
        var check = Interlocked.Exchange(ref _current, null);
        if (check is null) return;
        await check.Stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(check.Loop, Task.Delay(StopWait)).ConfigureAwait(false);
        try { check.Probe.Dispose(); } catch (Exception e) when (AudioCheckErrors.IsDeviceProblem(e)) { /* exiting anyway */ }
        check.Stop.Dispose();
    }
}
