using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;
using SecureLink.Voice.Tests.Devices;

namespace SecureLink.Voice.Tests.Call;

public sealed class AudioDeviceSpecTests
{
    [Theory]
    [InlineData("pulse", AudioDeviceKind.Pulse, null, null, null)]
    [InlineData(" PULSE ", AudioDeviceKind.Pulse, null, null, null)]
    [InlineData("pulse:", AudioDeviceKind.Pulse, null, null, null)]
    [InlineData("pulse:sl_sink.monitor", AudioDeviceKind.Pulse, "sl_sink.monitor", null, null)]
    [InlineData("pulse:sl_sink@unix:/tmp/p/native", AudioDeviceKind.Pulse, "sl_sink", "unix:/tmp/p/native", null)]
    [InlineData("pulse:@tcp:198.18.0.2", AudioDeviceKind.Pulse, null, "tcp:198.18.0.2", null)]
    [InlineData("wav:/tmp/x y.wav", AudioDeviceKind.Wav, null, null, "/tmp/x y.wav")]
    [InlineData("null", AudioDeviceKind.Null, null, null, null)]
    [InlineData("wasapi", AudioDeviceKind.Wasapi, null, null, null)]
    [InlineData("WASAPI:", AudioDeviceKind.Wasapi, null, null, null)]
    [InlineData("wasapi:{0.0.1.00000000}.{b3f8fa53-0004-438e-9003-51a46e139bfc}", AudioDeviceKind.Wasapi, "{0.0.1.00000000}.{b3f8fa53-0004-438e-9003-51a46e139bfc}", null, null)]
    public void Valid_specs_parse_and_print_back(string text, AudioDeviceKind kind, string? device, string? server, string? path)
    {
        var spec = AudioDeviceSpec.Parse(text);
        Assert.Equal(new AudioDeviceSpec(kind, device, server, path), spec);
        Assert.Equal(spec, AudioDeviceSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("alsa:hw0", "not understood")]
    [InlineData("wav:", "names no file")]
    [InlineData("pulse:sink@", "empty server")]
    [InlineData("pulse:my sink", "spaces")]
    [InlineData("null:x", "not understood")]
    [InlineData("pu\u001blse", "not understood")]
    [InlineData("wasapi:my mic", "not a WASAPI endpoint id")]
    [InlineData("wasapi:a@b", "not a WASAPI endpoint id")]
    public void Bad_specs_are_clear_errors(string text, string why)
    {
        var ex = Assert.Throws<FormatException>(() => AudioDeviceSpec.Parse(text));
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.Contains("pulse:DEVICE@SERVER", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', ex.Message);
    }

    [Fact]
    public void The_platform_picks_its_audio_system_in_one_place()
    {
        Assert.Equal(new AudioDeviceSpec(AudioDeviceKind.Wasapi), AudioDeviceSpec.DefaultFor(windows: true));
        Assert.Equal(new AudioDeviceSpec(AudioDeviceKind.Pulse), AudioDeviceSpec.DefaultFor(windows: false));
        Assert.Equal(AudioDeviceSpec.DefaultFor(OperatingSystem.IsWindows()), AudioDeviceSpec.Default);
        // Naming pulse stays pulse whatever the platform's default is.
        Assert.Equal(AudioDeviceKind.Pulse, AudioDeviceSpec.Parse("pulse").Kind);
    }

    [Fact]
    public void Wasapi_devices_outside_windows_are_a_clear_sentence()
    {
        if (OperatingSystem.IsWindows()) return; // there they open real endpoints, which this test must not touch
        var spec = AudioDeviceSpec.Parse("wasapi:{0.0.1.00000000}.{x}");
        var e = Assert.Throws<AudioDeviceUnavailableException>(() => AudioDevices.OpenCapture(spec));
        Assert.Equal("WASAPI devices exist only on Windows; use pulse, wav:/path.wav or null here", e.Message);
        Assert.Throws<AudioDeviceUnavailableException>(() => AudioDevices.OpenPlayback(AudioDeviceSpec.Parse("wasapi")));
    }

    [Fact]
    public void Devices_open_by_spec_and_missing_files_or_folders_are_clear_errors()
    {
        using var dir = new TempDir("slspec-");
        CallHarness.WriteTone(dir.File("in.wav"), 440, 0.1);
        using (var c = AudioDevices.OpenCapture(AudioDeviceSpec.Parse("wav:" + dir.File("in.wav")))) Assert.IsType<WavFileCapture>(c);
        using (var p = AudioDevices.OpenPlayback(AudioDeviceSpec.Parse("wav:" + dir.File("out.wav")))) Assert.IsType<WavFileRecorder>(p);
        using (var c = AudioDevices.OpenCapture(AudioDeviceSpec.Parse("pulse:src@unix:/nowhere"))) Assert.IsType<PulseAudioCapture>(c);
        using (var p = AudioDevices.OpenPlayback(AudioDeviceSpec.Parse("null"))) Assert.IsType<NullPlayback>(p);

        var missing = Assert.Throws<FileNotFoundException>(() => AudioDevices.OpenCapture(AudioDeviceSpec.Parse("wav:" + dir.File("none.wav"))));
        Assert.Contains("none.wav", missing.Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => AudioDevices.OpenPlayback(AudioDeviceSpec.Parse("wav:" + dir.File("no/such/out.wav"))));
    }
}
