using System.Text.Json;
using SecureLink.Host.Dispatch.Handlers;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Host.Tests.Support;
using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;

namespace SecureLink.Host.Tests.Audio;

/// <summary>audio.devices and audio.select: the options page's device choice, against the real host and with Windows endpoints faked.</summary>
public sealed class AudioDeviceRequestTests
{
    // A server nobody listens on: listing must fail fast into empty lists, never into an error.
    private const string Nowhere = "unix:/nonexistent/securelink-test/native";
    private static readonly Dictionary<string, string> NoPulse = new() { ["PULSE_SERVER"] = Nowhere };

    private const string UsbMic = "{0.0.1.00000000}.{6b1c5c2e-usb-mic}";
    private const string BuiltInMic = "{0.0.1.00000000}.{0d9e-built-in-mic}";
    private const string Speakers = "{0.0.0.00000000}.{a51f-speakers}";
    private const string Headset = "{0.0.0.00000000}.{77c2-headset}";

    private static readonly AudioDeviceSpec Wasapi = new(AudioDeviceKind.Wasapi);

    private static FakeEndpoints Windows() => new FakeEndpoints()
        .Plug(AudioFlow.Capture, UsbMic, "Microphone (USB Headset)")
        .Plug(AudioFlow.Capture, BuiltInMic, "Microphone Array (Realtek)", isDefault: true)
        .Plug(AudioFlow.Render, Speakers, "Speakers (Realtek)", isDefault: true)
        .Plug(AudioFlow.Render, Headset, "Headphones (USB Headset)");

    private static Request Select(string input, string output) =>
        new(9, "audio.select", JsonDocument.Parse(JsonSerializer.Serialize(new { type = "audio.select", input, output })).RootElement);

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
    [InlineData("""{"id":5,"type":"audio.select","input":"default","output":"my speaker"}""", "wrong_type")]
    public async Task A_device_choice_that_names_no_device_is_refused_and_the_host_goes_on(string request, string code)
    {
        await using var host = HostProcess.Start(null, NoPulse);
        Json.AssertError(await host.RequestAsync(request), 5, code);
        // With no list to check against (no server), a well-formed id is taken as it is.
        Json.AssertOk(await host.RequestAsync("""{"id":6,"type":"audio.select","input":"alsa_input.usb-mic","output":"default"}"""), 6);
        Json.AssertOk(await host.RequestAsync("""{"id":7,"type":"hello","protocol":1}"""), 7);
    }

    [Fact]
    public async Task A_pulse_choice_names_the_device_on_the_configured_server_and_default_goes_back()
    {
        var devices = new EnvironmentCallDevices(new AudioDeviceSpec(AudioDeviceKind.Pulse, Server: Nowhere), new AudioDeviceSpec(AudioDeviceKind.Pulse));
        Assert.Equal((AudioChoiceOutcome.Chosen, AudioChoiceOutcome.Chosen), await devices.SelectAsync("mic1", "speaker1", CancellationToken.None));
        Assert.Equal(new AudioDeviceSpec(AudioDeviceKind.Pulse, "mic1", Nowhere), (await devices.Input.ResolveAsync(CancellationToken.None)).Spec);
        Assert.Equal(new AudioDeviceSpec(AudioDeviceKind.Pulse, "speaker1"), (await devices.Output.ResolveAsync(CancellationToken.None)).Spec);
        await devices.SelectAsync("default", "default", CancellationToken.None);
        Assert.Equal(new AudioDeviceSpec(AudioDeviceKind.Pulse, Server: Nowhere), (await devices.Input.ResolveAsync(CancellationToken.None)).Spec);
        Assert.Equal(AudioChoiceOutcome.Invalid, (await devices.SelectAsync("a@b", "default", CancellationToken.None)).Input);
        Assert.Null(devices.Input.Chosen);
    }

    [Fact]
    public async Task A_wav_or_null_device_from_the_environment_wins_over_any_choice()
    {
        var wav = new AudioDeviceSpec(AudioDeviceKind.Wav, Path: "/tmp/in.wav");
        var endpoints = Windows();
        var devices = new EnvironmentCallDevices(wav, new AudioDeviceSpec(AudioDeviceKind.Null), endpoints);
        Assert.Equal((AudioChoiceOutcome.Overridden, AudioChoiceOutcome.Overridden), await devices.SelectAsync(UsbMic, Headset, CancellationToken.None));
        Assert.Equal(wav, (await devices.Input.ResolveAsync(CancellationToken.None)).Spec);
        Assert.Equal(AudioDeviceKind.Null, (await devices.Output.ResolveAsync(CancellationToken.None)).Spec.Kind);
        Assert.Empty(await devices.Input.ListAsync(CancellationToken.None));
        Assert.Equal(0, endpoints.Listings);
    }

    [Fact]
    public async Task Audio_devices_lists_windows_endpoints_in_the_pulse_shape_default_first()
    {
        var devices = new EnvironmentCallDevices(Wasapi, Wasapi, Windows().Plug(AudioFlow.Capture, "bad id", "spaces cannot be in a spec"));
        var reply = await new AudioDevicesHandler(devices).HandleAsync(new Request(3, "audio.devices", default), CancellationToken.None);
        var response = Assert.IsType<AudioDevicesResponse>(reply.Value);
        Assert.Equal([new AudioDevice(BuiltInMic, "Microphone Array (Realtek)"), new AudioDevice(UsbMic, "Microphone (USB Headset)")], response.Inputs);
        Assert.Equal([new AudioDevice(Speakers, "Speakers (Realtek)"), new AudioDevice(Headset, "Headphones (USB Headset)")], response.Outputs);
        var json = JsonSerializer.Serialize(response, HostJson.Context.AudioDevicesResponse);
        Assert.Contains("\"inputs\":[{\"id\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_windows_endpoint_is_chosen_by_id_and_opens_as_a_wasapi_spec()
    {
        var devices = new EnvironmentCallDevices(Wasapi, Wasapi, Windows());
        await new AudioSelectHandler(devices).HandleAsync(Select(UsbMic, Headset), CancellationToken.None);
        Assert.Equal((AudioDeviceSpec.Parse("wasapi:" + UsbMic), false), await devices.Input.ResolveAsync(CancellationToken.None));
        Assert.Equal((AudioDeviceSpec.Parse("wasapi:" + Headset), false), await devices.Output.ResolveAsync(CancellationToken.None));
        await new AudioSelectHandler(devices).HandleAsync(Select("default", Headset), CancellationToken.None);
        Assert.Equal((Wasapi, false), await devices.Input.ResolveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Choosing_a_device_that_is_not_there_answers_device_not_found_and_calls_use_the_default()
    {
        var devices = new EnvironmentCallDevices(Wasapi, Wasapi, Windows());
        var error = await Assert.ThrowsAsync<RequestException>(() => new AudioSelectHandler(devices).HandleAsync(Select("{0.0.1.00000000}.{gone}", Headset), CancellationToken.None).AsTask());
        Assert.Equal(ErrorCodes.DeviceNotFound, error.Code);
        Assert.Contains("microphone is not connected", error.Message, StringComparison.Ordinal);
        Assert.Equal((Wasapi, true), await devices.Input.ResolveAsync(CancellationToken.None));
        // The speaker in the same request was fine and is taken.
        Assert.Equal(AudioDeviceSpec.Parse("wasapi:" + Headset), (await devices.Output.ResolveAsync(CancellationToken.None)).Spec);

        var both = await Assert.ThrowsAsync<RequestException>(() => new AudioSelectHandler(devices).HandleAsync(Select("x1", "x2"), CancellationToken.None).AsTask());
        Assert.Contains("microphone and speaker are", both.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<RequestException>(() => new AudioSelectHandler(devices).HandleAsync(Select(UsbMic, "a@b"), CancellationToken.None).AsTask());
        Assert.Equal(ErrorCodes.WrongType, bad.Code);
    }

    [Fact]
    public async Task A_chosen_device_unplugged_before_the_call_falls_back_to_the_default_and_returns_when_plugged_back()
    {
        var endpoints = Windows();
        var devices = new EnvironmentCallDevices(Wasapi, Wasapi, endpoints);
        await devices.SelectAsync(UsbMic, Headset, CancellationToken.None);

        endpoints.Unplug(UsbMic);
        Assert.Equal((Wasapi, true), await devices.Input.ResolveAsync(CancellationToken.None));
        Assert.Equal(AudioDeviceSpec.Parse("wasapi:" + Headset), (await devices.Output.ResolveAsync(CancellationToken.None)).Spec);
        // The background sends the stored choice again after every connect: it hears about it.
        var error = await Assert.ThrowsAsync<RequestException>(() => new AudioSelectHandler(devices).HandleAsync(Select(UsbMic, Headset), CancellationToken.None).AsTask());
        Assert.Equal(ErrorCodes.DeviceNotFound, error.Code);

        endpoints.Plug(AudioFlow.Capture, UsbMic, "Microphone (USB Headset)");
        Assert.Equal((AudioDeviceSpec.Parse("wasapi:" + UsbMic), false), await devices.Input.ResolveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_choice_a_call_opens_the_environments_device_without_listing()
    {
        var endpoints = Windows();
        var devices = new EnvironmentCallDevices(Wasapi, AudioDeviceSpec.Parse("wasapi:" + Speakers), endpoints);
        Assert.Equal((Wasapi, false), await devices.Input.ResolveAsync(CancellationToken.None));
        Assert.Equal(AudioDeviceSpec.Parse("wasapi:" + Speakers), (await devices.Output.ResolveAsync(CancellationToken.None)).Spec);
        Assert.Equal(0, endpoints.Listings);
    }

    [Fact]
    public void On_linux_a_wasapi_device_is_a_clear_error_when_a_call_opens_it()
    {
        var devices = new EnvironmentCallDevices(Wasapi, Wasapi, Windows());
        var e = Assert.Throws<AudioDeviceUnavailableException>(() => devices.OpenCapture());
        Assert.Contains("WASAPI devices exist only on Windows", e.Message, StringComparison.Ordinal);
        Assert.Throws<AudioDeviceUnavailableException>(() => devices.OpenPlayback());
    }

    [Fact]
    public void The_default_without_any_variable_is_this_platforms_audio_system()
    {
        var devices = EnvironmentCallDevices.FromEnvironment(_ => null, WebRtc.Transport.NullLog.Instance);
        Assert.Equal(OperatingSystem.IsWindows() ? AudioDeviceKind.Wasapi : AudioDeviceKind.Pulse, devices.Input.Environment.Kind);
        Assert.Equal(devices.Input.Environment, devices.Output.Environment);
    }
}
