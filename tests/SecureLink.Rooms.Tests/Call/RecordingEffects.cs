using Xunit;
using SecureLink.Rooms.Call;

namespace SecureLink.Rooms.Tests.Call;

/// <summary>Records what a <see cref="CallMachine"/> asks for, in order, as one line per effect.</summary>
internal sealed class RecordingEffects : ICallEffects
{
    private readonly List<string> _log = [];

    public List<CallSignal> Sent { get; } = [];
    public List<CallView> Views { get; } = [];
    public bool MediaRunning { get; private set; }
    public bool? MediaMuted { get; private set; }
    public IReadOnlyList<string> Log { get { lock (_log) return [.. _log]; } }

    public CallView? LastView => Views.Count == 0 ? null : Views[^1];

    public void Send(CallSignal signal)
    {
        lock (_log) _log.Add($"send {signal.Kind}");
        Sent.Add(signal);
    }

    public void Changed(CallView view)
    {
        lock (_log) _log.Add($"view {view.State}{(view.ReasonCode is null ? "" : " " + view.ReasonCode)}");
        Views.Add(view);
    }

    public void StartMedia(CallId id, bool muted)
    {
        lock (_log) _log.Add("media start");
        Assert.False(MediaRunning, "media started twice");
        MediaRunning = true;
        MediaMuted = muted;
    }

    public void MuteMedia(bool muted)
    {
        lock (_log) _log.Add($"media mute {muted}");
        MediaMuted = muted;
    }

    public void StopMedia()
    {
        lock (_log) _log.Add("media stop");
        Assert.True(MediaRunning, "media stopped while not running");
        MediaRunning = false;
    }
}

/// <summary>Two machines whose sent signals queue up (like an ordered channel) until <see cref="Pump"/> delivers them.</summary>
internal sealed class CallPair : IDisposable
{
    private int _aDelivered, _bDelivered;

    public CallPair(TimeProvider time, TimeSpan? ring = null)
    {
        A = new CallMachine(AFx, time, ring);
        B = new CallMachine(BFx, time, ring);
    }

    public RecordingEffects AFx { get; } = new();
    public RecordingEffects BFx { get; } = new();
    public CallMachine A { get; }
    public CallMachine B { get; }

    /// <summary>Delivers everything in flight, both ways, until nothing more is sent.</summary>
    public void Pump()
    {
        while (_aDelivered < AFx.Sent.Count || _bDelivered < BFx.Sent.Count)
        {
            while (_aDelivered < AFx.Sent.Count) B.OnSignal(AFx.Sent[_aDelivered++]);
            while (_bDelivered < BFx.Sent.Count) A.OnSignal(BFx.Sent[_bDelivered++]);
        }
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
