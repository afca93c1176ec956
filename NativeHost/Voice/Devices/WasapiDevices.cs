using System.Runtime.Versioning;
using NAudio.CoreAudioApi;
using NAudio.Wave;

namespace SecureLink.Voice.Devices;

/// <summary>
/// Opens WASAPI endpoints for a call: shared mode (other programs keep their sound), event-driven,
/// short buffers (20 ms capture, 30 ms playback: a call's delay budget is small and WASAPI's
/// defaults of 100/200 ms would double our mouth-to-ear delay), the communications category
/// (Windows' echo cancellation, noise suppression and gain control where the device offers them;
/// other programs are ducked as for any call). Both sides keep the device's mix format and the
/// converting wrappers do rate and channels, because shared-mode WASAPI does not resample.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WasapiDevices
{
    private const int CaptureBufferMs = 20;
    private const int PlaybackLatencyMs = 30;

    public static IWaveIn OpenCapture(string? endpointId)
    {
        var device = WasapiEndpointSource.Open(endpointId, AudioFlow.Capture);
        try
        {
            var recorder = new WasapiRecorderBuilder()
                .WithDevice(device)
                .WithSharedMode()
                .WithEventSync()
                .WithBufferLength(CaptureBufferMs)
                .WithCommunicationsMode()
                .Build();
            return new ConvertingCapture(new WasapiRecorderWaveIn(recorder), device);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    public static IWavePlayer OpenPlayback(string? endpointId)
    {
        var device = WasapiEndpointSource.Open(endpointId, AudioFlow.Render);
        try
        {
            var player = new WasapiPlayerBuilder()
                .WithDevice(device)
                .WithSharedMode()
                .WithEventSync()
                .WithLatency(PlaybackLatencyMs)
                .WithCategory(AudioStreamCategory.Communications)
                .Build();
            return new ConvertingPlayback(player, player.DeviceMixFormat, device);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }
}
