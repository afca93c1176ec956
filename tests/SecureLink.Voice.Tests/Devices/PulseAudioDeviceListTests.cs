using System.Diagnostics;
using SecureLink.Calls.Measurement;
using SecureLink.Voice.Devices;

namespace SecureLink.Voice.Tests.Devices;

/// <summary>Device listing for the options page, against a real private PulseAudio daemon and on bad pactl output.</summary>
public sealed class PulseAudioDeviceListTests
{
    [Fact]
    public async Task Lists_the_servers_sinks_and_real_sources_but_not_monitors()
    {
        using var server = PulseAudioDaemon.Start();
        using (var load = Process.Start("pactl", ["--server=" + server.Server, "load-module", "module-null-source", "source_name=sl_mic", "rate=48000", "channels=1"]))
            await load.WaitForExitAsync();

        var lists = await PulseAudioDeviceList.ListAsync(server.Server, CancellationToken.None);

        Assert.Contains(lists.Outputs, d => d.Id == "sl_sink" && d.Name.Length > 0);
        Assert.Contains(lists.Inputs, d => d.Id == "sl_mic");
        Assert.DoesNotContain(lists.Inputs, d => d.Id.EndsWith(".monitor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_gives_empty_lists()
    {
        var lists = await PulseAudioDeviceList.ListAsync("unix:/nonexistent/securelink/native", CancellationToken.None);
        Assert.Empty(lists.Inputs);
        Assert.Empty(lists.Outputs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"name\":\"x\"}")]
    [InlineData("[1, null, {\"name\":5}, {\"description\":\"no name\"}]")]
    public void Unreadable_pactl_output_gives_no_devices(string json) => Assert.Empty(PulseAudioDeviceList.Parse(json));

    [Fact]
    public void Names_a_spec_cannot_hold_are_skipped_and_a_missing_description_falls_back_to_the_name()
    {
        var list = PulseAudioDeviceList.Parse("""[{"name":"mic@host","description":"odd"},{"name":"speaker"},{"name":"usb","description":"USB headset"}]""");
        Assert.Equal([new AudioDeviceInfo("speaker", "speaker"), new AudioDeviceInfo("usb", "USB headset")], list);
    }
}
