using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.Interop;

/// <summary>
/// The two reference peers against each other, with no code of ours in the path:
/// if these fail, a failure of ours against them says nothing about our stack.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class HarnessTests(SharedChromium chromium)
{
    [ChromiumAiortcFact]
    public async Task Chromium_offer_aiortc_answer_echoes_text_and_binary()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var page = await chromium.NewPageAsync();
        await using var aiortc = AiortcPeer.Start("answer");
        await page.CreatePeerAsync("c", echo: false);
        var offer = await page.OfferAsync("c", "echo");
        await aiortc.SendAsync(new { type = "offer", sdp = offer });
        var answer = (string)(await aiortc.NextOfTypeAsync("answer", cts.Token))["sdp"]!;
        await page.AcceptAsync("c", answer);
        await page.WaitOpenAsync("c", "echo", cts.Token);

        await page.SendAsync("c", "echo", "hello aiortc");
        await page.SendBinaryAsync("c", "echo", [0, 1, 2, 255]);
        var got = await page.WaitMessagesAsync("c", 2, cts.Token);
        Assert.Equal("hello aiortc", got[0].Text);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, got[1].Binary);
    }

    [ChromiumAiortcFact]
    public async Task Aiortc_offer_Chromium_answer_echoes_text_and_binary()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var page = await chromium.NewPageAsync();
        await using var aiortc = AiortcPeer.Start("offer");
        await page.CreatePeerAsync("c", echo: true);
        var offer = (string)(await aiortc.NextOfTypeAsync("offer", cts.Token))["sdp"]!;
        Assert.Contains("DTLS/SCTP 5000", offer); // aiortc's legacy form, which Chromium must answer in kind
        var answer = await page.AnswerAsync("c", offer);
        await aiortc.SendAsync(new { type = "answer", sdp = answer });
        await aiortc.NextOfTypeAsync("open", cts.Token);

        await aiortc.SendAsync(new { data = "hello chromium" });
        await aiortc.SendAsync(new { binary = Convert.ToBase64String([9, 8, 7]) });
        var text = await aiortc.NextOfTypeAsync("message", cts.Token);
        var binary = await aiortc.NextOfTypeAsync("message", cts.Token);
        Assert.Equal("hello chromium", (string?)text["data"]);
        Assert.Equal("CQgH", (string?)binary["binary"]);
    }
}
