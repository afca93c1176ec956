using SecureLink.Voice.Codec;
using SecureLink.Voice.Interop;
using SecureLink.Voice.Tests.Call;
using SecureLink.Voice.Tests.Devices;
using SecureLink.WebRtc;
using SecureLink.WebRtc.Tests.Infrastructure;
using SecureLink.WebRtc.Tests.Media;

namespace SecureLink.Voice.Tests.Chromium;

/// <summary>
/// Issue 6's interop test: a Chromium page sends a WebAudio oscillator track to our host, which
/// decodes it (the recording holds the page's frequency), and our host sends a WAV tone that the
/// page's AnalyserNode finds. Both offer directions: Chromium's own offer (audio m-line first)
/// into `securelink-host interop --role answer --audio-in/--audio-out` run in process with the
/// host's InteropAudio, and our offer (data first, then audio) answered by Chromium.
/// </summary>
[Collection(RealTime.Name)]
public sealed class ChromiumAudioTests(SharedChromium chromium) : IClassFixture<SharedChromium>
{
    private const int PageHz = 440;
    private const int HostHz = 700;

    [ChromiumFact]
    public async Task Chromium_offers_and_the_interop_command_hears_its_oscillator_and_sends_a_tone_it_hears()
    {
        using var cts = Bounded.Timeout(80);
        using var dir = new TempDir("slchrome-");
        CallHarness.WriteTone(dir.File("tone.wav"), HostHz, 1.0);
        await using var browser = await ChromiumAudioPage.OpenAsync(chromium);
        var offer = await browser.OfferAsync(PageHz);
        Assert.Matches(@"(?s)m=audio .*m=application ", offer); // Chromium puts audio first

        int exit;
        (double Hz, double Db)? heardByPage;
        await using (var host = new InProcessInterop(new InteropAudio(), "interop", "--role", "answer",
            "--audio-in", dir.File("tone.wav"), "--audio-out", dir.File("heard.wav")))
        {
            host.Send(new { type = "offer", sdp = offer });
            var answer = (string)(await host.Output.NextOfTypeAsync("answer", cts.Token))["sdp"]!;
            Assert.Matches(@"(?s)m=audio \d+ UDP/TLS/RTP/SAVPF 111.*a=sendrecv", answer);
            await browser.AcceptAsync(answer);
            await host.Output.NextOfTypeAsync("open", cts.Token);

            using var listen = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            listen.CancelAfter(TimeSpan.FromSeconds(20));
            heardByPage = await WaitToHearAsync(browser, HostHz, listen.Token);
            await Task.Delay(2500, cts.Token); // two more seconds of the page's tone in the recording
            var pageStats = Describe(await browser.StatsAsync());
            host.Send(new { type = "close" });
            exit = await host.Run.WaitAsync(cts.Token);
            Assert.True(heardByPage is { } p && Math.Abs(p.Hz - HostHz) <= 9, $"page heard {heardByPage}; {pageStats}; host stderr: {host.Error}");
            Assert.Equal(0, exit);
        }
        AssertRecordingHolds(dir.File("heard.wav"), PageHz);
    }

    [ChromiumFact]
    public async Task We_offer_Chromium_answers_and_each_side_hears_the_others_tone()
    {
        using var cts = Bounded.Timeout(80);
        using var dir = new TempDir("slchrome-");
        CallHarness.WriteTone(dir.File("tone.wav"), HostHz, 1.0);
        await using var browser = await ChromiumAudioPage.OpenAsync(chromium);
        await using var ours = new RtcPeerConnection(OurPair.Config(loopback: false, IsolatedNetwork.LanA, audio: true));
        _ = ours.CreateDataChannel("chat");
        var answer = await browser.AnswerAsync(await ours.CreateOfferAsync(cts.Token), PageHz);
        Assert.Matches(@"(?s)m=application .*m=audio \d+ .*a=sendrecv", answer);
        await ours.SetRemoteAnswerAsync(answer, cts.Token);
        await ours.WaitConnectedAsync(cts.Token);
        var channel = ours.AudioChannel;
        Assert.NotNull(channel);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var audio = new InteropAudio().RunAsync(channel, dir.File("tone.wav"), dir.File("heard.wav"), stop.Token);
        using var listen = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        listen.CancelAfter(TimeSpan.FromSeconds(20));
        var heardByPage = await WaitToHearAsync(browser, HostHz, listen.Token);
        await Task.Delay(2500, cts.Token);
        var pageStats = Describe(await browser.StatsAsync());
        var ourStats = channel.GetStatistics();
        await stop.CancelAsync();
        await audio.WaitAsync(cts.Token);

        Assert.True(heardByPage is { } p && Math.Abs(p.Hz - HostHz) <= 9, $"page heard {heardByPage}; {pageStats}");
        Assert.True(ourStats.PacketsReceived > 50, ourStats.ToString());
        AssertRecordingHolds(dir.File("heard.wav"), PageHz);
    }

    /// <summary>Polls until the page hears <paramref name="hz"/> (± 1.5 bins of 5.9 Hz) above −70 dB five times in a row, 100 ms apart.</summary>
    private static async Task<(double Hz, double Db)?> WaitToHearAsync(ChromiumAudioPage page, double hz, CancellationToken ct)
    {
        (double Hz, double Db)? last = null;
        var inARow = 0;
        while (!ct.IsCancellationRequested)
        {
            try { last = await page.PeakAsync(); }
            catch (ArgumentException) { last = null; } // silence reads −Infinity dB, which JSON cannot carry
            inARow = last is { } p && Math.Abs(p.Hz - hz) <= 9 && p.Db > -70 ? inARow + 1 : 0;
            if (inARow >= 5) return last;
            try { await Task.Delay(100, ct); } catch (OperationCanceledException) { break; }
        }
        return last;
    }

    private static string Describe(ChromiumAudioPage.Stats s) =>
        $"page received {s.Inbound?.PacketsReceived} lost {s.Inbound?.PacketsLost} concealed {s.Inbound?.ConcealedSamples}/{s.Inbound?.TotalSamplesReceived} codec {s.Inbound?.Codec?.MimeType}, sent {s.Outbound?.PacketsSent}";

    // The last 1.5 s of the host's recording carry the page's oscillator. Within ±10 Hz: under load,
    // headless Chromium's WebAudio clock drifts against its WebRTC clock and the page's sender
    // resamples, which was seen to pull a 440 Hz tone to 430 Hz for most of a second.
    private static void AssertRecordingHolds(string path, double hz)
    {
        var heard = CallHarness.ReadWav(path);
        Assert.True(heard.Length > 2.5 * VoiceFormat.SampleRate, $"recording of {heard.Length} samples");
        var tail = heard.AsSpan(heard.Length - 3 * VoiceFormat.SampleRate / 2);
        Assert.InRange(Signals.PeakFrequency(tail), hz - 10, hz + 10);
        double energy = 0;
        foreach (var v in tail) energy += (double)v * v;
        var rms = Math.Sqrt(energy / tail.Length) / 32768;
        Assert.True(rms > 0.05, $"the tone is there, not a whisper: RMS {rms:F3}"); // the page sends at 0.4 full scale
    }
}
