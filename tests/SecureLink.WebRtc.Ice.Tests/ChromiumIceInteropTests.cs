using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecureLink.WebRtc.Ice.Tests.Support;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>
/// Our agent against Chromium's own ICE (a real RTCPeerConnection) over the veth pair, in both
/// roles. Only ICE is under test: the SDP we write carries a made-up DTLS fingerprint and we
/// never answer DTLS, so the test watches <c>iceConnectionState</c>, not the connection state.
/// Chromium gathers on every interface, so this runs only in the isolated namespace.
/// </summary>
public sealed class ChromiumIceInteropTests
{
    private const string Chromium = "/usr/bin/chromium";

    private const string GatherScript = """
        async (offerSdp) => {
          // Without a media permission Chromium gathers only on the default-route interface, and the
          // isolated namespace has no default route; a (fake) microphone grant lifts that limit.
          const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
          stream.getTracks().forEach(t => t.stop());
          const pc = new RTCPeerConnection({ iceServers: [] });
          window.pc = pc;
          if (offerSdp === null) {
            pc.createDataChannel("x");
            await pc.setLocalDescription(await pc.createOffer());
          } else {
            await pc.setRemoteDescription({ type: "offer", sdp: offerSdp });
            await pc.setLocalDescription(await pc.createAnswer());
          }
          if (pc.iceGatheringState !== "complete")
            await new Promise(r => pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && r()));
          return pc.localDescription.sdp;
        }
        """;

    [IsolatedTheory]
    [InlineData(IceRole.Controlled, false)]   // Chromium offers, so it controls
    [InlineData(IceRole.Controlling, false)]  // we offer and control
    [InlineData(IceRole.Controlled, true)]    // we see Chromium's addresses only as mDNS names: peer-reflexive discovery must cover it
    [InlineData(IceRole.Controlling, true)]
    public async Task ConnectsWithChromiumIce(IceRole ourRole, bool hideChromiumAddresses)
    {
        if (!File.Exists(Chromium)) return;
        var ct = Timeouts.Token();
        using var playwright = await Playwright.CreateAsync();
        var args = new List<string> { "--disable-background-networking", "--no-first-run", "--disable-gpu",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--disable-features=WebRtcHideLocalIpsWithMdns" };
        if (Environment.UserName == "root") args.Insert(0, "--no-sandbox");
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = args });
        var page = await browser.NewPageAsync();
        // getUserMedia needs a secure context; http://localhost is one. Playwright serves the page itself: no server, no network.
        await page.RouteAsync("http://localhost/**", route => route.FulfillAsync(new RouteFulfillOptions { Body = "<html></html>", ContentType = "text/html" }));
        await page.GotoAsync("http://localhost/");

        await using var agent = new IceAgent(AgentHarness.OnlyAddress(Veth.A));
        var ours = await agent.GatherAsync(ct);
        string chromeSdp;
        if (ourRole == IceRole.Controlled)
        {
            chromeSdp = await page.EvaluateAsync<string>(GatherScript, null);
            await page.EvaluateAsync("sdp => window.pc.setRemoteDescription({ type: 'answer', sdp })", BuildSdp(agent, ours, Mid(chromeSdp), "active"));
        }
        else
        {
            chromeSdp = await page.EvaluateAsync<string>(GatherScript, BuildSdp(agent, ours, "0", "actpass"));
        }
        var remote = new IceParameters(Attribute(chromeSdp, "ice-ufrag"), Attribute(chromeSdp, "ice-pwd"));
        var candidates = Regex.Matches(chromeSdp, "^a=(candidate:.*?)\r?$", RegexOptions.Multiline).Select(m => IceCandidate.Parse(m.Groups[1].Value)).ToList();
        Assert.True(candidates.Count > 0, "Chromium gave no candidates:\n" + chromeSdp);
        // Chromium's real mDNS names cannot be produced reliably headless in a namespace, so the
        // hidden case rewrites its addresses into .local names exactly as Chromium would send them.
        if (hideChromiumAddresses) candidates = [.. candidates.Select(c => c with { Address = Guid.NewGuid() + ".local" })];
        foreach (var c in candidates) agent.AddRemoteCandidate(c);

        await agent.ConnectAsync(remote, ourRole, ct);
        await AgentHarness.WaitUntilAsync(() => IceStateOf(page) is "connected" or "completed", TimeSpan.FromSeconds(10), "Chromium's ICE connected");
        Assert.Equal(ourRole, agent.Role);
        Assert.Equal(IceConnectionState.Connected, agent.State);
        // Consent runs both ways for a while; neither side may drop the link.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.Equal(IceConnectionState.Connected, agent.State);
        Assert.Contains(IceStateOf(page), new[] { "connected", "completed" });
    }

    private static string IceStateOf(IPage page) => page.EvaluateAsync<string>("() => window.pc.iceConnectionState").GetAwaiter().GetResult();

    private static string Attribute(string sdp, string name) =>
        Regex.Match(sdp, $"^a={name}:(\\S+)", RegexOptions.Multiline).Groups[1].Value is { Length: > 0 } v ? v : throw new InvalidOperationException($"no a={name} in Chromium's SDP");

    private static string Mid(string sdp) => Attribute(sdp, "mid");

    /// <summary>A minimal data-channel description with our ICE credentials and candidates (DTLS fingerprint is a placeholder).</summary>
    private static string BuildSdp(IceAgent agent, IEnumerable<IceCandidate> candidates, string mid, string setup)
    {
        var fingerprint = string.Join(":", Enumerable.Repeat("AB", 32));
        var sb = new StringBuilder();
        sb.Append("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sb.Append($"a=group:BUNDLE {mid}\r\n");
        sb.Append("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n");
        sb.Append($"a=mid:{mid}\r\na=ice-ufrag:{agent.LocalParameters.UsernameFragment}\r\na=ice-pwd:{agent.LocalParameters.Password}\r\n");
        sb.Append($"a=fingerprint:sha-256 {fingerprint}\r\na=setup:{setup}\r\na=sctp-port:5000\r\n");
        foreach (var c in candidates) sb.Append("a=").Append(c.ToSdpAttributeValue()).Append("\r\n");
        sb.Append("a=end-of-candidates\r\n");
        return sb.ToString();
    }
}
