using NAudio.Wave;
using SecureLink.Rooms.Call;

namespace SecureLink.Host.Session;

/// <summary>
/// A call's devices, opened only after any audio check let go of them: a call must never share
/// the microphone with the options page's meter, whatever the timing of the two.
/// </summary>
public sealed class ExclusiveCallDevices(ICallDevices inner, Action releaseChecks) : ICallDevices
{
    public IWaveIn OpenCapture()
    {
        releaseChecks();
        return inner.OpenCapture();
    }

    public IWavePlayer OpenPlayback()
    {
        releaseChecks();
        return inner.OpenPlayback();
    }
}
