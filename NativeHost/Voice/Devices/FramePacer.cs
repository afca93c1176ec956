using System.Diagnostics;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Paces devices that have no hardware clock (WAV, null) at one frame per 20 ms of wall time,
/// measured from the start so sleeps' rounding does not accumulate. With real time off it
/// never waits (tests and offline processing).
/// </summary>
internal sealed class FramePacer(bool realTime)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _frames;

    /// <summary>Waits until the next frame is due, or returns false when <paramref name="stop"/> fires first.</summary>
    internal bool WaitNext(WaitHandle stop)
    {
        _frames++;
        if (!realTime) return !stop.WaitOne(0);
        var due = TimeSpan.FromMilliseconds(_frames * VoiceFormat.FrameMilliseconds) - _clock.Elapsed;
        return !stop.WaitOne(due > TimeSpan.Zero ? due : TimeSpan.Zero);
    }
}
