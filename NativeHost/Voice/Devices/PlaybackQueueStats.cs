namespace SecureLink.Voice.Devices;

/// <summary>
/// How full a playback device's queue was each time we were about to write the next frame: the
/// cushion that absorbed our own lateness. An underrun is a write that found the queue empty
/// (the listener heard a gap), which a device buffer too small for the machine's scheduling shows.
/// </summary>
/// <param name="Writes">Frames written with a queue reading.</param>
/// <param name="Underruns">Writes that found the queue empty (less than 1 ms queued).</param>
/// <param name="MinQueuedMs">Smallest queue seen before a write (after the first one).</param>
/// <param name="AverageQueuedMs">Mean queue before a write: about what the device adds to the delay.</param>
/// <param name="TargetMs">The queue size asked of the device now (it grows after underruns).</param>
/// <param name="Growths">How often the queue was made larger because it had run dry.</param>
public readonly record struct PlaybackQueueStats(long Writes, long Underruns, double MinQueuedMs, double AverageQueuedMs, double TargetMs, int Growths);

/// <summary>Collects <see cref="PlaybackQueueStats"/> on the playback thread; read from any thread.</summary>
internal sealed class PlaybackQueueMeter
{
    // A null sink reports ~0 when its queue is empty, a real sink at most its hardware latency:
    // under 1 ms nothing of ours was left to play.
    private const double EmptyBelowMs = 1;

    private readonly Lock _gate = new();
    private long _writes, _underruns;
    private double _min = double.NaN, _sum, _target;
    private int _growths;

    /// <summary>Records one reading; true when it was an underrun.</summary>
    internal bool Add(TimeSpan queued)
    {
        var ms = queued.TotalMilliseconds;
        lock (_gate)
        {
            _writes++;
            _sum += ms;
            if (double.IsNaN(_min) || ms < _min) _min = ms;
            if (ms >= EmptyBelowMs) return false;
            _underruns++;
            return true;
        }
    }

    internal void SetTarget(double ms)
    {
        lock (_gate) _target = ms;
    }

    internal void CountGrowth()
    {
        lock (_gate) _growths++;
    }

    internal PlaybackQueueStats Snapshot()
    {
        lock (_gate) return new PlaybackQueueStats(_writes, _underruns, _writes == 0 ? 0 : _min, _writes == 0 ? 0 : _sum / _writes, _target, _growths);
    }
}
