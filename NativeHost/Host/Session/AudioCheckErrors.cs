using SecureLink.Host.Protocol;
using SecureLink.Voice.Devices;

namespace SecureLink.Host.Session;

/// <summary>The errors and sentences of the audio checks, in one place so both checks word them alike.</summary>
public static class AudioCheckErrors
{
    /// <summary>What opening or running a device may throw that is the device's fault, not ours.</summary>
    public static bool IsDeviceProblem(Exception e) =>
        e is PulseAudioException or AudioDeviceUnavailableException or IOException or UnauthorizedAccessException or InvalidOperationException
            or NotSupportedException or DllNotFoundException or FormatException;

    public static RequestException CallBusy() =>
        new(ErrorCodes.CallBusy, "A call is using the microphone and speaker; try again after the call.");

    public static RequestException Device(string what, Exception e) => new(AudioTestCodes.AudioDevice, Sentence(what, e));

    /// <summary>"What: the device's own reason." The reason names a device or server, never audio.</summary>
    public static string Sentence(string what, Exception e)
    {
        var reason = e.Message.Trim().TrimEnd('.');
        return reason.Length is 0 or > 300 ? what + "." : $"{what}: {reason}.";
    }

    /// <summary>Why a microphone check ended without being asked to.</summary>
    public static string StopSentence(string reasonCode) => reasonCode switch
    {
        AudioTestCodes.TimeLimit => "The microphone check reached its time limit and the microphone is closed.",
        ErrorCodes.CallBusy => "A call started, so the microphone check stopped.",
        AudioTestCodes.RoomLeft => "The room was left, so the audio check stopped.",
        _ => "The microphone stopped working.",
    };
}
