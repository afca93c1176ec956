using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using SecureLink.WebRtc.Ice.Tests.Support;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>
/// "Offline mode sends nothing but ICE/DTLS/SCTP to the peer": capture (tcpdump, inside the
/// private namespace) every UDP packet to or from our agents' ports while two agents gather on
/// all interfaces, connect and exchange data, then check that each one went between the two
/// agents' own endpoints. tcpdump runs with -n so the capture itself does no DNS.
/// </summary>
public sealed class PrivacyCaptureTests
{
    private const string Tcpdump = "/usr/bin/tcpdump";

    [IsolatedFact]
    public async Task WithoutStunServersEveryPacketGoesToThePeer()
    {
        if (!File.Exists(Tcpdump)) return;
        var ct = Timeouts.Token();
        await using var a = new IceAgent(new IceAgentOptions());
        await using var b = new IceAgent(new IceAgentOptions());
        var ca = await a.GatherAsync(ct);
        var cb = await b.GatherAsync(ct);
        var ours = a.LocalEndPoints.Concat(b.LocalEndPoints).ToHashSet();
        var filter = "udp and (" + string.Join(" or ", ours.Select(e => e.Port).Distinct().Select(p => $"port {p}")) + ")";

        var psi = new ProcessStartInfo(Tcpdump) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-i", "any", "-n", "-l", "-U", filter }) psi.ArgumentList.Add(arg);
        using var capture = Process.Start(psi)!;
        var lines = new List<string>();
        var output = Task.Run(async () => { while (await capture.StandardOutput.ReadLineAsync() is { } l) lock (lines) lines.Add(l); });
        try
        {
            // Wait until tcpdump listens, or nothing would be proven.
            while (await capture.StandardError.ReadLineAsync(ct) is { } e && !e.Contains("listening on", StringComparison.Ordinal)) { }

            foreach (var c in cb) a.AddRemoteCandidate(c);
            foreach (var c in ca) b.AddRemoteCandidate(c);
            var ta = a.ConnectAsync(b.LocalParameters, IceRole.Controlling, ct);
            var tb = b.ConnectAsync(a.LocalParameters, IceRole.Controlled, ct);
            await AgentHarness.AssertDataFlowsAsync(await ta, await tb, ct);
            await Task.Delay(500, ct); // let tcpdump print the last packets
        }
        finally
        {
            capture.Kill();
            await capture.WaitForExitAsync(CancellationToken.None);
        }
        await output;

        var packet = new Regex(@"\bIP6? (?<src>[0-9a-f:.]+)\.(?<sport>\d+) > (?<dst>[0-9a-f:.]+)\.(?<dport>\d+):");
        var seen = 0;
        lock (lines)
        {
            foreach (var line in lines)
            {
                var m = packet.Match(line);
                if (!m.Success) continue;
                seen++;
                var src = new IPEndPoint(IPAddress.Parse(m.Groups["src"].Value), int.Parse(m.Groups["sport"].Value));
                var dst = new IPEndPoint(IPAddress.Parse(m.Groups["dst"].Value), int.Parse(m.Groups["dport"].Value));
                Assert.True(ours.Contains(src) && ours.Contains(dst), $"a packet left the two agents: {line}");
            }
        }
        Assert.True(seen > 0, "the capture saw no packets, so it proved nothing:\n" + string.Join("\n", lines));
    }
}
