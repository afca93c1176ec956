using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using NAudio.CoreAudioApi;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Windows audio endpoints through NAudio's <see cref="MMDeviceEnumerator"/>. "Default" is the
/// communications default (what Windows offers calls), which is the console default unless the
/// person set another one.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WasapiEndpointSource : IAudioEndpointSource
{
    /// <inheritdoc />
    public IReadOnlyList<AudioEndpoint> ListActive(AudioFlow flow)
    {
        var dataFlow = flow == AudioFlow.Capture ? DataFlow.Capture : DataFlow.Render;
        try
        {
            using var enumerator = new MMDeviceEnumerator();
            string? defaultId = null;
            if (enumerator.TryGetDefaultAudioEndpoint(dataFlow, Role.Communications, out var d))
                using (d) defaultId = d.ID;
            using var endpoints = enumerator.EnumerateAudioEndPoints(dataFlow, DeviceState.Active);
            var list = new List<AudioEndpoint>(endpoints.Count);
            foreach (var e in endpoints) list.Add(new AudioEndpoint(e.ID, e.FriendlyName, e.ID == defaultId));
            return list;
        }
        catch (COMException)
        {
            // The audio service is stopped or restarting: the default device may still come back.
            return [];
        }
    }

    /// <summary>
    /// The endpoint an id names, or the communications default for null. Throws
    /// <see cref="AudioDeviceUnavailableException"/> with a sentence when it is not there.
    /// </summary>
    internal static MMDevice Open(string? id, AudioFlow flow)
    {
        var dataFlow = flow == AudioFlow.Capture ? DataFlow.Capture : DataFlow.Render;
        var what = flow == AudioFlow.Capture ? "microphone" : "speaker";
        using var enumerator = new MMDeviceEnumerator();
        try
        {
            if (id is null)
                return enumerator.TryGetDefaultAudioEndpoint(dataFlow, Role.Communications, out var d)
                    ? d
                    : throw new AudioDeviceUnavailableException($"Windows has no {what} (no default audio endpoint)");
            var device = enumerator.GetDevice(id);
            if (device.State != DeviceState.Active || device.DataFlow != dataFlow)
            {
                device.Dispose();
                throw new AudioDeviceUnavailableException($"the chosen {what} is not connected or not enabled");
            }
            return device;
        }
        catch (COMException e)
        {
            throw new AudioDeviceUnavailableException($"the chosen {what} is not known to Windows (0x{e.HResult:X8})", e);
        }
    }
}
