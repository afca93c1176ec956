using System.Text.Json;
using Microsoft.Playwright;

namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Real Chromium accepts what SdpFactory builds, and reads the values we meant.</summary>
public sealed class ChromiumAcceptanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1") return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-gpu", "--disable-features=WebRtcHideLocalIpsWithMdns"],
            Timeout = (float)Timeout.TotalMilliseconds,
        });
        _page = await _browser.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Chromium answers our offer; returns its answer SDP, or throws with Chromium's error.</summary>
    private async Task<string> ChromiumAnswerAsync(string offer) =>
        await Evaluate<string>("""
            async (offer) => {
              const pc = new RTCPeerConnection({ iceServers: [] });
              try {
                await pc.setRemoteDescription({ type: 'offer', sdp: offer });
                await pc.setLocalDescription(await pc.createAnswer());
                return pc.localDescription.sdp;
              } finally { pc.close(); }
            }
            """, offer);

    private async Task<T> Evaluate<T>(string script, object arg)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await _page!.EvaluateAsync<T>(script, arg).WaitAsync(cts.Token);
    }

    [IsolatedFact]
    public async Task AcceptsOurDataChannelOffer()
    {
        var offer = SdpFactory.CreateDataChannelOffer(LocalParameters.Create()).ToString();
        var answer = SessionDescription.Parse(await ChromiumAnswerAsync(offer));
        var m = Assert.Single(answer.Media);
        Assert.Equal("UDP/DTLS/SCTP", m.Protocol);
        Assert.Equal("0", m.Mid);
        Assert.Equal("active", m.Setup);
        Assert.Equal(5000, m.SctpPort);
        Assert.Equal(["0"], answer.BundleMids);
    }

    [IsolatedFact]
    public async Task AcceptsOurLegacyOfferAndAnswersInKind()
    {
        var offer = SdpFactory.CreateOffer(LocalParameters.Create(), new SdpOfferOptions { LegacyDataChannel = true }).ToString();
        var m = Assert.Single(SessionDescription.Parse(await ChromiumAnswerAsync(offer)).Media);
        Assert.True(m.IsLegacySctp);
        Assert.Equal(5000, m.SctpPort);
    }

    [IsolatedFact]
    public async Task AcceptsOurAudioAndDataOffer()
    {
        var offer = SdpFactory.CreateOffer(LocalParameters.Create(), new SdpOfferOptions { Audio = LocalParameters.Track() }).ToString();
        var answer = SessionDescription.Parse(await ChromiumAnswerAsync(offer));
        Assert.Equal(["0", "1"], answer.Media.Select(m => m.Mid));
        Assert.Equal(["0", "1"], answer.BundleMids);
        var audio = answer.Media[1];
        Assert.False(audio.IsRejected);
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.FindRtpMap("opus"));
        Assert.Equal("recvonly", audio.Direction); // Chromium has no track to send back
    }

    /// <summary>Chromium offers, we answer with SdpFactory, Chromium applies our answer and reports what it read.</summary>
    private async Task<JsonElement> ChromiumAppliesOurAnswerAsync(bool audio, SdpAnswerOptions? options)
    {
        var offerText = await Evaluate<string>("""
            async (audio) => {
              const pc = new RTCPeerConnection({ iceServers: [] });
              window.slPc = pc;
              if (audio) {
                const ctx = new AudioContext();
                const dest = ctx.createMediaStreamDestination();
                ctx.createOscillator().connect(dest);
                pc.addTrack(dest.stream.getAudioTracks()[0], dest.stream);
              }
              pc.createDataChannel('chat');
              await pc.setLocalDescription(await pc.createOffer());
              return pc.localDescription.sdp;
            }
            """, audio);
        var answer = SdpFactory.CreateAnswer(SessionDescription.Parse(offerText), LocalParameters.Create(), options).ToString();
        return await Evaluate<JsonElement>("""
            async (answer) => {
              const pc = window.slPc;
              try {
                await pc.setRemoteDescription({ type: 'answer', sdp: answer });
                return {
                  ok: true,
                  signaling: pc.signalingState,
                  maxMessageSize: pc.sctp ? pc.sctp.maxMessageSize : null,
                  directions: pc.getTransceivers().filter(t => !t.stopped).map(t => t.currentDirection),
                };
              } catch (e) {
                return { ok: false, error: String(e) };
              } finally { pc.close(); }
            }
            """, answer);
    }

    [IsolatedFact]
    public async Task AppliesOurAnswerToItsDataChannelOffer()
    {
        var result = await ChromiumAppliesOurAnswerAsync(audio: false, options: null);
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("stable", result.GetProperty("signaling").GetString());
        // Chromium read our a=max-message-size:262144 (its own limit is also 256 KiB).
        Assert.Equal(262144, result.GetProperty("maxMessageSize").GetInt32());
    }

    [IsolatedFact]
    public async Task AppliesOurAnswerThatRejectsItsAudio()
    {
        var result = await ChromiumAppliesOurAnswerAsync(audio: true, options: null);
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("stable", result.GetProperty("signaling").GetString());
        // The rejected audio transceiver is stopped (gone or inactive); nothing is left sending or receiving.
        Assert.All(result.GetProperty("directions").EnumerateArray(), d => Assert.True(d.ValueKind == JsonValueKind.Null || d.GetString() is "inactive" or "stopped", d.ToString()));
    }

    [IsolatedFact]
    public async Task AppliesOurAnswerThatAcceptsItsAudio()
    {
        var result = await ChromiumAppliesOurAnswerAsync(audio: true,
            new SdpAnswerOptions { AcceptAudio = true, AudioTrack = LocalParameters.Track() });
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("sendrecv", result.GetProperty("directions")[0].GetString());
    }

    [IsolatedFact]
    public async Task RefusesAGarbledAnswerSoTheChecksAboveMeanSomething()
    {
        var result = await ChromiumAppliesOurAnswerAsync(audio: false, options: null);
        Assert.True(result.GetProperty("ok").GetBoolean());
        var offer = SdpFactory.CreateDataChannelOffer(LocalParameters.Create()).ToString().Replace("a=fingerprint:", "a=fingerprint-broken:");
        await Assert.ThrowsAnyAsync<PlaywrightException>(() => ChromiumAnswerAsync(offer));
    }
}
