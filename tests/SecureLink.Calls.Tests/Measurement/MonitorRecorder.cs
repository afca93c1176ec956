using System.Diagnostics;
using SecureLink.Voice.Devices;

namespace SecureLink.Calls.Measurement;

/// <summary>
/// Records a PulseAudio source (a null sink's monitor) into memory, noting when the first frame
/// arrived on a shared clock, so two recordings started a few milliseconds apart can still be
/// compared in absolute time (see <see cref="StartOffsetMs"/>).
/// </summary>
public sealed class MonitorRecorder : IDisposable
{
    private readonly PulseAudioCapture _capture;
    private readonly List<short> _samples = [];
    private readonly Stopwatch _clock;
    private double _firstFrameMs = double.NaN;

    public MonitorRecorder(string server, string source, Stopwatch clock)
    {
        _clock = clock;
        _capture = new PulseAudioCapture(server, source);
        _capture.DataAvailable += (_, e) =>
        {
            lock (_samples)
            {
                if (double.IsNaN(_firstFrameMs)) _firstFrameMs = _clock.Elapsed.TotalMilliseconds;
                for (var i = 0; i + 1 < e.BytesRecorded; i += 2) _samples.Add((short)(e.Buffer[i] | e.Buffer[i + 1] << 8));
            }
        };
    }

    /// <summary>Clock time (ms) of the recording's first sample: the first frame's arrival minus the frame it carried.</summary>
    public double StartOffsetMs
    {
        get
        {
            lock (_samples) return _firstFrameMs - 20;
        }
    }

    public void Start() => _capture.StartRecording();

    public short[] Stop()
    {
        _capture.StopRecording();
        lock (_samples) return [.. _samples];
    }

    public int Count
    {
        get
        {
            lock (_samples) return _samples.Count;
        }
    }

    public void Dispose() => _capture.Dispose();
}
