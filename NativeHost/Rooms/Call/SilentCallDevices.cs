using NAudio.Wave;
using SecureLink.Voice.Devices;

namespace SecureLink.Rooms.Call;

/// <summary>A microphone that hears silence and a speaker that plays nowhere, both in real time: calls on machines without audio, and tests.</summary>
public sealed class SilentCallDevices : ICallDevices
{
    public static SilentCallDevices Instance { get; } = new();

    public IWaveIn OpenCapture() => new NullCapture();

    public IWavePlayer OpenPlayback() => new NullPlayback();
}
