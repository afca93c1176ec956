using System.Diagnostics;
using System.Text.Json;
using SecureLink.WebRtc.Ice.Tests.Support;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>
/// Our agent against aioice 0.8 (the ICE of aiortc, an independent implementation) over the
/// veth pair, in both roles. aioice gathers on every interface, so this runs only in the namespace.
/// </summary>
public sealed class AioiceInteropTests
{
    [IsolatedTheory]
    [InlineData(IceRole.Controlling)]
    [InlineData(IceRole.Controlled)]
    public async Task ConnectsToAioiceAndExchangesData(IceRole ourRole)
    {
        var ct = Timeouts.Token();
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "aioice_peer.py");
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(ourRole == IceRole.Controlling ? "controlled" : "controlling");
        using var peer = Process.Start(psi)!;
        var stderr = peer.StandardError.ReadToEndAsync(ct);
        try
        {
            await using var agent = new IceAgent(AgentHarness.OnlyAddress(Veth.A));
            var ours = await agent.GatherAsync(ct);
            var theirs = JsonDocument.Parse(await ReadLineAsync(peer, ct)).RootElement;
            foreach (var c in theirs.GetProperty("candidates").EnumerateArray()) agent.AddRemoteCandidate(IceCandidate.Parse(c.GetString()!));
            await peer.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new
            {
                ufrag = agent.LocalParameters.UsernameFragment,
                pwd = agent.LocalParameters.Password,
                candidates = ours.Select(c => c.ToSdpAttributeValue()).ToArray(),
            }));
            await peer.StandardInput.FlushAsync(ct);
            var remote = new IceParameters(theirs.GetProperty("ufrag").GetString()!, theirs.GetProperty("pwd").GetString()!);
            var transport = await agent.ConnectAsync(remote, ourRole, ct);
            Assert.Contains("connected", await ReadLineAsync(peer, ct));
            var buffer = new byte[1500];
            for (var i = 0; i < 3; i++)
            {
                var ping = new byte[] { 23, (byte)i, 42 };
                await transport.SendAsync(ping, ct);
                var n = await transport.ReceiveAsync(buffer, ct);
                Assert.Equal(ping, buffer[..n]);
            }
            await transport.SendAsync("bye"u8.ToArray(), ct);
            await peer.WaitForExitAsync(ct);
            Assert.True(peer.ExitCode == 0, "aioice peer failed: " + await stderr);
        }
        finally
        {
            if (!peer.HasExited) peer.Kill();
        }
    }

    private static async Task<string> ReadLineAsync(Process p, CancellationToken ct) =>
        await p.StandardOutput.ReadLineAsync(ct) ?? throw new InvalidOperationException("The aioice peer ended early: " + await p.StandardError.ReadToEndAsync(ct));
}
