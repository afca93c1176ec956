using System.Diagnostics;
using SecureLink.Calls.Measurement;
using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;

namespace SecureLink.Voice.Tests.Devices;

/// <summary>
/// The one selection path (Windows uses it with WASAPI endpoints; the host tests fake those),
/// here against a real private PulseAudio daemon whose sinks come and go.
/// </summary>
public sealed class AudioDeviceChoiceTests
{
    [Fact]
    public async Task A_chosen_sink_is_used_while_it_exists_and_the_default_after_it_is_unloaded()
    {
        using var server = PulseAudioDaemon.Start();
        var module = await PactlAsync(server, "load-module", "module-null-sink", "sink_name=sl_headset", "rate=48000", "channels=1");
        var environment = new AudioDeviceSpec(AudioDeviceKind.Pulse, Server: server.Server);
        var choice = new AudioDeviceChoice(environment, AudioFlow.Render, AudioDeviceCatalog.For(environment));

        Assert.Contains(await choice.ListAsync(CancellationToken.None), d => d.Id == "sl_headset");
        Assert.Equal(AudioChoiceOutcome.Missing, await choice.CheckAsync("sl_nothing", CancellationToken.None));
        Assert.Equal(AudioChoiceOutcome.Chosen, await choice.CheckAsync("sl_headset", CancellationToken.None));
        choice.Choose("sl_headset");
        Assert.Equal((environment with { Device = "sl_headset" }, false), await choice.ResolveAsync(CancellationToken.None));

        await PactlAsync(server, "unload-module", module.Trim());
        Assert.Equal((environment, true), await choice.ResolveAsync(CancellationToken.None));
        Assert.Equal(AudioChoiceOutcome.Missing, await choice.CheckAsync("sl_headset", CancellationToken.None));
        Assert.Equal("sl_headset", choice.Chosen); // kept: plugging it back is enough

        await PactlAsync(server, "load-module", "module-null-sink", "sink_name=sl_headset", "rate=48000", "channels=1");
        Assert.Equal((environment with { Device = "sl_headset" }, false), await choice.ResolveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Wav_and_null_specs_offer_nothing_and_ignore_choices()
    {
        var wav = new AudioDeviceSpec(AudioDeviceKind.Wav, Path: "/tmp/x.wav");
        var choice = new AudioDeviceChoice(wav, AudioFlow.Capture, AudioDeviceCatalog.For(wav));
        Assert.Empty(await choice.ListAsync(CancellationToken.None));
        Assert.Equal(AudioChoiceOutcome.Overridden, await choice.CheckAsync("mic", CancellationToken.None));
        Assert.Equal(AudioChoiceOutcome.Invalid, await choice.CheckAsync("a b", CancellationToken.None));
        choice.Choose("mic");
        Assert.Equal((wav, false), await choice.ResolveAsync(CancellationToken.None));
        // Outside Windows and without a fake there are no WASAPI endpoints to list.
        if (!OperatingSystem.IsWindows())
            Assert.Same(AudioDeviceCatalog.None, AudioDeviceCatalog.For(new AudioDeviceSpec(AudioDeviceKind.Wasapi)));
    }

    private static async Task<string> PactlAsync(PulseAudioDaemon server, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo("pactl", ["--server=" + server.Server, .. args]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}
