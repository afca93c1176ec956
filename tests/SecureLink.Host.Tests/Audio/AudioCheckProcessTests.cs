using System.Diagnostics;
using SecureLink.Calls.Measurement;
using SecureLink.Host.Tests.Calls;
using SecureLink.Host.Tests.Rooms;
using Xunit.Abstractions;

namespace SecureLink.Host.Tests.Audio;

/// <summary>
/// audio.test_tone and audio.monitor against the real host and a private PulseAudio daemon: the
/// tone is heard on the chosen null sink at 440 Hz, the meter follows a real source, and the
/// microphone is closed (no source-output left on the server) by off, the time limit, room.leave,
/// exit and a call. Rooms need the namespace: run under tests/tools/isolated.sh.
/// </summary>
public sealed class AudioCheckProcessTests(ITestOutputHelper output)
{
    private const int Rate = 48000;

    [Fact(Timeout = 90_000)]
    public async Task The_test_tone_is_a_440_Hz_second_at_about_minus_12_dBFS_on_the_chosen_speaker()
    {
        using var pulse = StartPulse();
        await using var host = new HostPeer(null, Env(pulse));
        using var recorder = new MonitorRecorder(pulse.Server, "sl_spk.monitor", Stopwatch.StartNew());
        using var other = new MonitorRecorder(pulse.Server, "sl_quiet.monitor", Stopwatch.StartNew());
        recorder.Start();
        other.Start();
        await Task.Delay(300);

        var started = await host.OkAsync("audio.test_tone", "\"output\":\"sl_spk\"");
        Assert.Equal(1000, started.GetProperty("durationMs").GetInt32());
        var again = await host.RequestAsync("audio.test_tone", "\"output\":\"sl_spk\"");
        Assert.Equal("busy", CallFrames.Code(again));
        var done = await host.EventAsync("audio.tone", seconds: 15);
        Assert.Equal("ended", done.GetProperty("state").GetString());
        Assert.False(done.TryGetProperty("reasonCode", out _), done.ToString());
        await Task.Delay(300);
        var heard = recorder.Stop();
        var elsewhere = other.Stop();

        var loud = heard.Count(s => Math.Abs((int)s) > 1000);
        output.WriteLine($"recorded {heard.Length} samples, {loud} above 1000, peak {heard.Max(s => Math.Abs((int)s))}");
        Assert.InRange(loud / (double)Rate, 0.7, 1.3); // one second, minus the quiet ends of the fades and zero crossings
        var peakDbfs = 20 * Math.Log10(heard.Max(s => Math.Abs((int)s)) / 32768.0);
        Assert.InRange(peakDbfs, -13.5, -10.5);
        Assert.InRange(DominantHz(heard), 435, 445);
        Assert.True(elsewhere.Max(s => Math.Abs((int)s)) < 50, "the tone leaked onto the other sink");
        await WaitForAsync(() => pulse.Pactl("list", "short", "sink-inputs").Trim().Length == 0, "the tone's stream closes when it ends");
    }

    [Fact(Timeout = 90_000)]
    public async Task The_meter_follows_a_tone_source_and_silence_and_off_closes_the_microphone()
    {
        using var pulse = StartPulse();
        await using var host = new HostPeer(null, Env(pulse));

        var on = await host.OkAsync("audio.monitor", "\"on\":true,\"input\":\"sl_sine\"");
        Assert.True(on.GetProperty("on").GetBoolean());
        Assert.Equal(30, on.GetProperty("maxSeconds").GetInt32());
        var tone = await LevelsAsync(host, 8);
        output.WriteLine("sine source: " + string.Join(" ", tone));
        Assert.True(tone.Skip(2).All(l => l > 0.5), "a steady sine reads well above the floor: " + string.Join(" ", tone));
        Assert.Equal(1, SourceOutputs(pulse));

        // Another device is one request: the first closes, the meter now hears a silent monitor.
        await host.OkAsync("audio.monitor", "\"on\":true,\"input\":\"sl_quiet.monitor\"");
        var quiet = await LevelsAsync(host, 6);
        output.WriteLine("silent source: " + string.Join(" ", quiet));
        Assert.True(quiet.Skip(2).All(l => l < 0.05), "silence reads about 0: " + string.Join(" ", quiet));
        Assert.Equal(1, SourceOutputs(pulse));

        var off = await host.OkAsync("audio.monitor", "\"on\":false");
        Assert.False(off.GetProperty("on").GetBoolean());
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "off closes the microphone");
        var seen = LevelCount(host);
        await Task.Delay(600);
        Assert.Equal(seen, LevelCount(host));
        await host.OkAsync("audio.monitor", "\"on\":false"); // nothing open: still fine

        foreach (var (fields, code) in new[]
                 {
                     ("\"input\":\"sl_sine\"", "missing_field"),
                     ("\"on\":\"yes\"", "wrong_type"),
                     ("\"on\":true,\"input\":5", "wrong_type"),
                     ("\"on\":true,\"input\":\"mic@unix:/elsewhere\"", "wrong_type"),
                     ("\"on\":true,\"maxSeconds\":31", "wrong_type"),
                     ("\"on\":true,\"input\":\"no_such_source\"", "audio_device"),
                 })
        {
            var r = await host.RequestAsync("audio.monitor", fields);
            Assert.True(code == CallFrames.Code(r), $"{fields}: {r}");
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("error").GetProperty("message").GetString()));
        }
        Assert.Equal("audio_device", CallFrames.Code(await host.RequestAsync("audio.test_tone", "\"output\":\"no_such_sink\"")));
        Assert.Equal("wrong_type", CallFrames.Code(await host.RequestAsync("audio.test_tone", "\"output\":[]")));
        Assert.Equal(0, SourceOutputs(pulse));
        await host.OkAsync("hello", "\"protocol\":1");
    }

    [Fact(Timeout = 90_000)]
    public async Task The_time_limit_room_leave_and_exit_each_close_the_microphone()
    {
        using var pulse = StartPulse();
        await using var host = new HostPeer(null, Env(pulse));

        var clock = Stopwatch.StartNew();
        await host.OkAsync("audio.monitor", "\"on\":true,\"input\":\"sl_sine\",\"maxSeconds\":2");
        var capped = await host.EventAsync("audio.monitor", seconds: 15);
        output.WriteLine($"time limit after {clock.Elapsed.TotalSeconds:F1} s: {capped}");
        Assert.False(capped.GetProperty("on").GetBoolean());
        Assert.Equal("time_limit", capped.GetProperty("reasonCode").GetString());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), "the limit came early");
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "the time limit closes the microphone");

        await host.OkAsync("room.create", "\"mode\":\"offline\"");
        await host.OkAsync("audio.monitor", "\"on\":true,\"input\":\"sl_sine\"");
        await host.OkAsync("room.leave");
        Assert.Equal("room_left", (await host.EventAsync("audio.monitor", seconds: 10)).GetProperty("reasonCode").GetString());
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "room.leave closes the microphone");

        await host.OkAsync("audio.monitor", "\"on\":true");  // the default source of the daemon
        await WaitForAsync(() => SourceOutputs(pulse) == 1, "the default microphone opens");
        var (exit, _) = await host.ExitAsync();
        Assert.Equal(0, exit);
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "exit closes the microphone");
    }

    [Fact(Timeout = 120_000)]
    public async Task During_a_call_both_checks_are_refused_and_a_call_stops_a_running_check()
    {
        using var pulse = StartPulse();
        await using var alice = new HostPeer(null, Env(pulse));
        await using var bob = new HostPeer(null, new Dictionary<string, string> { ["SECURELINK_AUDIO_IN"] = "null", ["SECURELINK_AUDIO_OUT"] = "null" });
        await CallPeers.VerifyAsync(alice, bob);

        await alice.OkAsync("audio.monitor", "\"on\":true,\"input\":\"sl_sine\"");
        await LevelsAsync(alice, 2);
        await alice.OkAsync("call.start");
        var stopped = await alice.EventAsync("audio.monitor", seconds: 10);
        Assert.Equal("call_busy", stopped.GetProperty("reasonCode").GetString());
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "a ringing call closes the check's microphone");

        Assert.Equal("call_busy", CallFrames.Code(await alice.RequestAsync("audio.monitor", "\"on\":true")));
        Assert.Equal("call_busy", CallFrames.Code(await alice.RequestAsync("audio.test_tone")));
        await bob.CallStateAsync("incoming");
        Assert.Equal("call_busy", CallFrames.Code(await bob.RequestAsync("audio.monitor", "\"on\":true")));
        Assert.Equal(0, SourceOutputs(pulse));

        await alice.OkAsync("call.hangup");
        await alice.CallStateAsync("ended");
        await alice.OkAsync("audio.monitor", "\"on\":true,\"input\":\"sl_sine\"");
        await alice.OkAsync("audio.monitor", "\"on\":false");
        await WaitForAsync(() => SourceOutputs(pulse) == 0, "after the call the check works again and closes");
    }

    /// <summary>Two null sinks (a speaker and a silent one) and a 440 Hz sine source, the daemon's default source.</summary>
    private static PulseAudioDaemon StartPulse()
    {
        var pulse = PulseAudioDaemon.Start("sl_spk", "sl_quiet");
        try
        {
            pulse.Pactl("load-module", "module-sine-source", "source_name=sl_sine", "rate=48000", "frequency=440");
            pulse.Pactl("set-default-source", "sl_sine");
            pulse.Pactl("set-default-sink", "sl_spk");
            return pulse;
        }
        catch
        {
            pulse.Dispose();
            throw;
        }
    }

    private static Dictionary<string, string> Env(PulseAudioDaemon pulse) => new() { ["PULSE_SERVER"] = pulse.Server };

    /// <summary>Our host's record streams on the daemon (the test's own recorders are not running then).</summary>
    private static int SourceOutputs(PulseAudioDaemon pulse) =>
        pulse.Pactl("list", "short", "source-outputs").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static int LevelCount(HostPeer host) => host.SeenEvents.Count(e => e.GetProperty("event").GetString() == "audio.level");

    private static async Task<double[]> LevelsAsync(HostPeer host, int count)
    {
        var levels = new double[count];
        for (var i = 0; i < count; i++)
        {
            var e = await host.EventAsync("audio.level", seconds: 10);
            levels[i] = e.GetProperty("level").GetDouble();
            Assert.InRange(levels[i], 0, 1);
        }
        return levels;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) Assert.Fail($"not within 10 s: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>The strongest frequency of the loudest half second (Hann window, 1.5 Hz bins).</summary>
    private static double DominantHz(short[] samples)
    {
        const int window = Rate / 2;
        var start = 0;
        double best = -1;
        for (var i = 0; i + window <= samples.Length; i += Rate / 20)
        {
            double e = 0;
            for (var j = i; j < i + window; j += 8) e += (double)samples[j] * samples[j];
            if (e > best) { best = e; start = i; }
        }
        var frame = samples.Skip(start).Take(window).Select(s => s / 32768.0).ToArray();
        var power = Fft.PowerSpectrum(frame, 32768);
        var peak = 1;
        for (var k = 2; k < power.Length; k++) if (power[k] > power[peak]) peak = k;
        return peak * (double)Rate / 32768;
    }
}
