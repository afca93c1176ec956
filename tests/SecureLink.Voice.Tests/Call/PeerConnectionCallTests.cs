using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;
using SecureLink.Voice.Tests.Devices;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.Voice.Tests.Call;

/// <summary>Two of our real peer connections (SRTP over UDP in the test namespace), a VoiceCall on each.</summary>
[Collection(RealTime.Name)]
public sealed class PeerConnectionCallTests
{
    [IsolatedFact]
    public async Task Tones_cross_both_ways_over_SRTP_and_RTCP_gives_the_round_trip()
    {
        using var cts = Bounded.Timeout(60);
        using var dir = new TempDir("slpc-");
        CallHarness.WriteTone(dir.File("a.wav"), 1000, 1.0);
        CallHarness.WriteTone(dir.File("b.wav"), 600, 1.0);
        await using var pair = await OurPair.ConnectAsync(loopback: false, offererAudio: true, answererAudio: true, cts.Token);
        var a = new VoiceCall(pair.Offerer.AudioChannel!, new WavFileCapture(dir.File("a.wav")), new WavFileRecorder(dir.File("a-heard.wav")));
        var b = new VoiceCall(pair.Answerer.AudioChannel!, new WavFileCapture(dir.File("b.wav")), new WavFileRecorder(dir.File("b-heard.wav")));
        var failures = new List<string>();
        a.DeviceFailed += failures.Add;
        b.DeviceFailed += failures.Add;
        a.Start();
        b.Start();
        await Task.Delay(TimeSpan.FromSeconds(3.5), cts.Token);
        var sa = a.GetStatistics();
        var sb = b.GetStatistics();
        await a.DisposeAsync();
        await b.DisposeAsync();

        var aHeard = CallHarness.ReadWav(dir.File("a-heard.wav"));
        var bHeard = CallHarness.ReadWav(dir.File("b-heard.wav"));
        Assert.Equal(1000, Signals.PeakFrequency(CallHarness.Slice(bHeard, 1.5, 1.5)));
        Assert.Equal(600, Signals.PeakFrequency(CallHarness.Slice(aHeard, 1.5, 1.5)));
        foreach (var s in new[] { sa, sb })
        {
            Assert.True(s.PacketsSent > 60 && s.PacketsReceived > 60, s.ToString());
            Assert.NotNull(s.RttMs);                 // an RTCP report about our stream came back
            Assert.InRange(s.RttMs!.Value, 0, 500);
            Assert.Equal(0, s.InvalidPayloads);
            Assert.InRange(s.Mos, 3.5, 4.5);
        }
        Assert.Empty(failures);
    }
}
