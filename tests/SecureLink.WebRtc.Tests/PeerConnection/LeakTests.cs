using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.PeerConnection;

/// <summary>Dispose leaves nothing running: no timer of any layer outlives the sessions (sipsorcery#428's complaint).</summary>
public sealed class LeakTests
{
    [IsolatedFact]
    public async Task After_dispose_no_timer_of_any_layer_is_left()
    {
        using var cts = Bounded.Timeout(60);
        // Warm up once so lazily created, process-wide timers are in the baseline.
        await (await OurPair.ConnectAsync(loopback: false, cts.Token)).DisposeAsync();
        await Task.Delay(500, cts.Token);
        var baseline = Timer.ActiveCount;

        for (var i = 0; i < 3; i++)
        {
            // Every other session carries audio too: its receive loop and RTCP timer must go as well.
            var audio = i % 2 == 1;
            await using var pair = await OurPair.ConnectAsync(loopback: false, audio, audio, cts.Token);
            await pair.OffererChannel.SendAsync("x", cts.Token);
            await pair.AnswererInbox.NextAsync(cts.Token);
            if (audio)
            {
                await pair.Offerer.AudioChannel!.SendAsync(new byte[] { 1, 2, 3 }, 0, true, cts.Token);
                await pair.Answerer.AudioChannel!.Received.ReadAsync(cts.Token);
            }
            Assert.True(Timer.ActiveCount > baseline, "a live session should hold timers (else this test proves nothing)");
        }

        // Give in-flight delays a moment to run out, then nothing of ours may remain.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Timer.ActiveCount > baseline && DateTime.UtcNow < deadline) await Task.Delay(100, cts.Token);
        Assert.True(Timer.ActiveCount <= baseline, $"{Timer.ActiveCount - baseline} timer(s) outlived their sessions");
    }
}
