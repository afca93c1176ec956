using SecureLink.Host.Session;
using SecureLink.Host.Tests.Support;
using SecureLink.Voice.Call;

namespace SecureLink.Host.Tests.Audio;

/// <summary>audio.devices and audio.select: the options page's device choice, against the real host.</summary>
public sealed class AudioDeviceRequestTests
{
    // A server nobody listens on: listing must fail fast into empty lists, never into an error.
    private static readonly Dictionary<string, string> NoPulse = new() { ["PULSE_SERVER"] = "unix:/nonexistent/securelink-test/native" };

    [Fact]
    public async Task Without_a_reachable_server_audio_devices_answers_empty_lists()
    {
        await using var host = HostProcess.Start(null, NoPulse);
        var response = await host.RequestAsync("""{"id":4,"type":"audio.devices"}""");
        Json.AssertOk(response, 4);
        Assert.Equal(0, response.GetProperty("inputs").GetArrayLength());
        Assert.Equal(0, response.GetProperty("outputs").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"id":5,"type":"audio.select","output":"default"}""", "missing_field")]
    [InlineData("""{"id":5,"type":"audio.select","input":1,"output":"default"}""", "wrong_type")]
    [InlineData("""{"id":5,"type":"audio.select","input":"mic@evil.example","output":"default"}""", "wrong_type")]
    [InlineData("""{"id":5,"type":"audio.select","input":"","output":"default"}""", "wrong_type")]
    public async Task A_device_choice_that_names_no_device_is_refused_and_the_host_goes_on(string request, string code)
    {
        await using var host = HostProcess.Start(null, NoPulse);
        Json.AssertError(await host.RequestAsync(request), 5, code);
        Json.AssertOk(await host.RequestAsync("""{"id":6,"type":"audio.select","input":"alsa_input.usb-mic","output":"default"}"""), 6);
        Json.AssertOk(await host.RequestAsync("""{"id":7,"type":"hello","protocol":1}"""), 7);
    }

    [Fact]
    public void A_choice_names_the_pulse_device_on_the_configured_server_and_default_goes_back()
    {
        var devices = new EnvironmentCallDevices(new AudioDeviceSpec(AudioDeviceKind.Pulse, Server: "unix:/run/p"), AudioDeviceSpec.Default);
        Assert.Equal("unix:/run/p", devices.PulseServer);
        Assert.True(devices.Select("mic1", "speaker1"));
        Assert.Equal(new AudioDeviceSpec(AudioDeviceKind.Pulse, "mic1", "unix:/run/p"), devices.CurrentInput);
        Assert.Equal(new AudioDeviceSpec(AudioDeviceKind.Pulse, "speaker1"), devices.CurrentOutput);
        Assert.True(devices.Select("default", "default"));
        Assert.Equal(new AudioDeviceSpec(AudioDeviceKind.Pulse, Server: "unix:/run/p"), devices.CurrentInput);
        Assert.False(devices.Select("a@b", "default"));
    }

    [Fact]
    public void A_wav_or_null_device_from_the_environment_wins_over_any_choice()
    {
        var wav = new AudioDeviceSpec(AudioDeviceKind.Wav, Path: "/tmp/in.wav");
        var devices = new EnvironmentCallDevices(wav, new AudioDeviceSpec(AudioDeviceKind.Null));
        Assert.True(devices.Select("mic1", "speaker1"));
        Assert.Equal(wav, devices.CurrentInput);
        Assert.Equal(AudioDeviceKind.Null, devices.CurrentOutput.Kind);
        Assert.Null(devices.PulseServer);
    }
}
