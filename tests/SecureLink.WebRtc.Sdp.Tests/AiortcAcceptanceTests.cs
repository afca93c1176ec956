using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Real aiortc 1.4 accepts what SdpFactory builds (Fixtures/tools/aiortc_accept.py).</summary>
public sealed class AiortcAcceptanceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tools", "aiortc_accept.py");

    /// <summary>Runs the helper, feeding it lines; each reply line is handed to <paramref name="onLine"/>, which returns the next input line or null.</summary>
    private static async Task<List<JsonObject>> RunAsync(string[] args, Func<JsonObject, string?> onLine, string? firstInput)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        var replies = new List<JsonObject>();
        try
        {
            if (firstInput is not null) await process.StandardInput.WriteLineAsync(firstInput.AsMemory(), cts.Token);
            await process.StandardInput.FlushAsync(cts.Token);
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                var reply = JsonNode.Parse(line)!.AsObject();
                replies.Add(reply);
                if (onLine(reply) is { } next)
                {
                    await process.StandardInput.WriteLineAsync(next.AsMemory(), cts.Token);
                    await process.StandardInput.FlushAsync(cts.Token);
                }
            }
            await process.WaitForExitAsync(cts.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        Assert.True(replies.Count > 0, "aiortc helper printed nothing: " + await stderr);
        return replies;
    }

    private static string Sdp(string sdp) => JsonSerializer.Serialize(new { sdp });

    private static async Task<SessionDescription> AiortcAnswerAsync(string offer)
    {
        var reply = (await RunAsync(["answer"], _ => null, Sdp(offer))).Single();
        Assert.True(reply["ok"]!.GetValue<bool>(), reply.ToJsonString());
        return SessionDescription.Parse(reply["sdp"]!.GetValue<string>());
    }

    private static async Task<JsonObject> AiortcAppliesOurAnswerAsync(bool audio, SdpAnswerOptions? options)
    {
        var replies = await RunAsync(audio ? ["offer", "audio"] : ["offer"], reply =>
        {
            if (reply["ok"] is not null) return null;
            var offer = SessionDescription.Parse(reply["sdp"]!.GetValue<string>());
            return Sdp(SdpFactory.CreateAnswer(offer, LocalParameters.Create(), options).ToString());
        }, null);
        return replies.Last();
    }

    [IsolatedFact]
    public async Task AnswersOurModernDataChannelOffer()
    {
        var answer = await AiortcAnswerAsync(SdpFactory.CreateDataChannelOffer(LocalParameters.Create()).ToString());
        var m = Assert.Single(answer.Media);
        Assert.Equal("UDP/DTLS/SCTP", m.Protocol);
        Assert.Equal("0", m.Mid);
        Assert.Equal("active", m.Setup);
        Assert.Equal(5000, m.SctpPort);
    }

    [IsolatedFact]
    public async Task AnswersOurLegacyDataChannelOffer()
    {
        var offer = SdpFactory.CreateOffer(LocalParameters.Create(), new SdpOfferOptions { LegacyDataChannel = true }).ToString();
        var m = Assert.Single((await AiortcAnswerAsync(offer)).Media);
        Assert.True(m.IsLegacySctp);
    }

    [IsolatedFact]
    public async Task AnswersOurAudioAndDataOfferWithOpus()
    {
        var offer = SdpFactory.CreateOffer(LocalParameters.Create(), new SdpOfferOptions { Audio = LocalParameters.Track() }).ToString();
        var answer = await AiortcAnswerAsync(offer);
        Assert.Equal(["0", "1"], answer.Media.Select(m => m.Mid));
        var audio = answer.Media[1];
        Assert.False(audio.IsRejected);
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.FindRtpMap("opus"));
        Assert.Equal("sendrecv", audio.Direction);
    }

    [IsolatedFact]
    public async Task AppliesOurAnswerToItsLegacyOffer()
    {
        var result = await AiortcAppliesOurAnswerAsync(audio: false, options: null);
        Assert.True(result["ok"]!.GetValue<bool>(), result.ToJsonString());
    }

    [IsolatedFact]
    public async Task AppliesOurAnswerThatRejectsItsAudio()
    {
        var result = await AiortcAppliesOurAnswerAsync(audio: true, options: null);
        Assert.True(result["ok"]!.GetValue<bool>(), result.ToJsonString());
    }

    [IsolatedFact]
    public async Task AppliesOurAnswerThatAcceptsItsAudio()
    {
        var result = await AiortcAppliesOurAnswerAsync(audio: true,
            new SdpAnswerOptions { AcceptAudio = true, AudioTrack = LocalParameters.Track() });
        Assert.True(result["ok"]!.GetValue<bool>(), result.ToJsonString());
    }

    [IsolatedFact]
    public async Task RefusesAnOfferWithoutIceCredentialsSoTheChecksAboveMeanSomething()
    {
        // (aiortc 1.4 does accept an offer without a=fingerprint; it fails later, at DTLS.)
        var offer = SdpFactory.CreateDataChannelOffer(LocalParameters.Create()).ToString().Replace("a=ice-ufrag:", "a=ice-ufrag-broken:");
        var reply = (await RunAsync(["answer"], _ => null, Sdp(offer))).Single();
        Assert.False(reply["ok"]!.GetValue<bool>());
    }
}
