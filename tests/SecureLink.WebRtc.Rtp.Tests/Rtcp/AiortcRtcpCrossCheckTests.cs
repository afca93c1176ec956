using System.Diagnostics;
using System.Text.Json;
using SecureLink.WebRtc.Rtcp;

namespace SecureLink.WebRtc.Rtp.Tests.Rtcp;

/// <summary>Our RTCP codec against aiortc's (an independent implementation), in both directions.</summary>
public sealed class AiortcRtcpCrossCheckTests
{
    [Fact]
    public async Task We_read_what_aiortc_writes()
    {
        var hex = (await RunAsync("make")).Trim();
        Assert.True(RtcpCompoundPacket.TryParse(Hex.Parse(hex), out var packets));
        var sr = Assert.IsType<RtcpSenderReport>(packets[0]);
        Assert.Equal(0x01020304u, sr.Ssrc);
        Assert.Equal(0x1122334455667788ul, sr.NtpTimestamp);
        Assert.Equal(0x99AABBCCu, sr.RtpTimestamp);
        Assert.Equal(7u, sr.PacketCount);
        Assert.Equal(1120u, sr.OctetCount);
        Assert.Equal(new RtcpReportBlock(0xCAFEBABE, 64, -3, 0x10005, 120, 0x12345678, 0x20000), Assert.Single(sr.ReportBlocks));
        Assert.Equal("aiortc-cname", Assert.IsType<RtcpSourceDescription>(packets[1]).GetCName(0x01020304));
        Assert.Equal(new uint[] { 0x01020304 }, Assert.IsType<RtcpBye>(packets[2]).Ssrcs);
        // And writing it back gives aiortc's bytes exactly.
        Assert.Equal(hex, Hex.Of(RtcpCompoundPacket.ToArray([.. packets])));
    }

    [Fact]
    public async Task Aiortc_reads_what_we_write()
    {
        var bytes = RtcpCompoundPacket.ToArray(
            new RtcpReceiverReport { Ssrc = 77, ReportBlocks = [new RtcpReportBlock(5, 12, 1000, 0x2FFFF, 33, 0xABCDEF01, 655)] },
            RtcpSourceDescription.ForCName(77, "securelink"),
            new RtcpBye { Ssrcs = [77, 78] });
        var json = JsonDocument.Parse(await RunAsync("parse", Hex.Of(bytes))).RootElement;
        Assert.Equal(3, json.GetArrayLength());
        Assert.Equal("rr", json[0].GetProperty("type").GetString());
        Assert.Equal(77, json[0].GetProperty("ssrc").GetInt64());
        Assert.Equal("[[5,12,1000,196607,33,2882400001,655]]", json[0].GetProperty("reports").GetRawText().Replace(" ", ""));
        Assert.Equal("[[77,[[1,\"securelink\"]]]]", json[1].GetProperty("chunks").GetRawText().Replace(" ", ""));
        Assert.Equal("[77,78]", json[2].GetProperty("sources").GetRawText().Replace(" ", ""));
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rtcp", "aiortc_rtcp_peer.py"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            var stdout = p.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = p.StandardError.ReadToEndAsync(timeout.Token);
            await p.WaitForExitAsync(timeout.Token);
            Assert.True(p.ExitCode == 0, await stderr);
            return await stdout;
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }
}
