using SecureLink.Host.Tests.Calls;
using SecureLink.Security.Tests.Support;
using Xunit.Abstractions;

namespace SecureLink.Security.Tests.Sniffing;

/// <summary>
/// The voice half of "sniffing yields only unintelligible data": a real call between two hosts
/// whose microphones play a 440 Hz tone is captured, and the captured SRTP payloads, read as the
/// 16-bit PCM a careless implementation might send, show no energy at the tone above their
/// neighbours (and Opus frames in the clear would not decode either: they are encrypted).
/// </summary>
public sealed class CallSniffingTests(ITestOutputHelper output)
{
    private const double ToneHz = 440;

    [AttackFact]
    public async Task A_capture_of_a_call_holds_srtp_only_and_no_trace_of_the_tone()
    {
        await using var capture = await PacketCapture.StartAsync();
        await using (var peers = await CallPeers.StartAsync())
        {
            await peers.Creator.OkAsync("call.start");
            await peers.Joiner.CallStateAsync("incoming");
            await peers.Joiner.OkAsync("call.accept");
            await peers.Creator.CallStateAsync("active");
            await Task.Delay(TimeSpan.FromSeconds(3));
            await peers.Creator.OkAsync("call.hangup");
            await peers.Joiner.CallStateAsync("ended");
        }
        var datagrams = await capture.StopAsync();

        var breakdown = new ProtocolBreakdown(datagrams);
        output.WriteLine($"{datagrams.Count} UDP datagrams, {capture.DroppedByKernel} dropped by the kernel\n" + breakdown.ToMarkdown());
        var srtp = datagrams.Where(d => d.Length > 12 && d[0] is >= 128 and <= 191 && d[1] is not (>= 192 and <= 223)).ToList();
        Assert.True(srtp.Count > 50, $"the capture saw only {srtp.Count} SRTP packets ({capture.DroppedByKernel} dropped by the kernel):\n" + breakdown.ToMarkdown());
        Assert.Equal(0, breakdown.Count("other"));

        // The payloads after the 12-byte header, end to end, as 48 kHz PCM: a tone sent in the clear
        // would stand far above the bins beside it; ciphertext is flat.
        var pcm = srtp.SelectMany(d => Enumerable.Range(0, (d.Length - 12) / 2).Select(i => (double)(short)(d[12 + 2 * i] | d[13 + 2 * i] << 8))).ToArray();
        var tone = Goertzel(pcm, ToneHz);
        var neighbours = new[] { 300.0, 370, 510, 580 }.Select(f => Goertzel(pcm, f)).Average();
        output.WriteLine($"{srtp.Count} SRTP packets, {pcm.Length} samples; power at {ToneHz} Hz / neighbours = {tone / neighbours:0.00}");
        Assert.True(tone < 3 * neighbours, $"the capture carries the tone: {tone / neighbours:0.0}x its neighbours");
    }

    [Fact]
    public void The_tone_check_would_see_a_tone_sent_in_the_clear()
    {
        // Guards the test above against a detector that never fires.
        var pcm = Enumerable.Range(0, 48000).Select(i => 8000 * Math.Sin(2 * Math.PI * ToneHz * i / 48000)).ToArray();
        var neighbours = new[] { 300.0, 370, 510, 580 }.Select(f => Goertzel(pcm, f)).Average();
        Assert.True(Goertzel(pcm, ToneHz) > 100 * neighbours);
    }

    private static double Goertzel(double[] samples, double hz)
    {
        var k = 2 * Math.Cos(2 * Math.PI * hz / 48000);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s = x + k * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - k * s1 * s2;
    }
}
