using NAudio.Wave;

namespace SecureLink.Rooms.Call;

/// <summary>
/// Opens the microphone and the speaker for one call (each call gets fresh devices, closed when
/// it ends). The host builds one from SECURELINK_AUDIO_IN / SECURELINK_AUDIO_OUT; a room
/// without one calls with <see cref="SilentCallDevices"/>. Throwing means the call cannot have
/// audio (<c>device_error</c>).
/// </summary>
public interface ICallDevices
{
    IWaveIn OpenCapture();

    IWavePlayer OpenPlayback();
}
