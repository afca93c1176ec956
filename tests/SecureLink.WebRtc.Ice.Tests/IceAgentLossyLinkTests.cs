using System.Net;
using SecureLink.WebRtc.Ice.Tests.Support;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>Two agents joined through a lossy user-space relay on 127.0.0.1.</summary>
public sealed class IceAgentLossyLinkTests
{
    private static async Task<(IceAgent A, IceAgent B, UdpRelay Relay)> StartAsync(TimeSpan consentTimeout, CancellationToken ct, TimeSpan? consentTimeoutOfB = null)
    {
        var a = new IceAgent(AgentHarness.LoopbackOptions(consentTimeout: consentTimeout));
        var b = new IceAgent(AgentHarness.LoopbackOptions(consentTimeout: consentTimeoutOfB ?? consentTimeout));
        var ca = (await a.GatherAsync(ct)).Single();
        var cb = (await b.GatherAsync(ct)).Single();
        var relay = new UdpRelay(new IPEndPoint(IPAddress.Loopback, ca.Port), new IPEndPoint(IPAddress.Loopback, cb.Port));
        a.AddRemoteCandidate(cb with { Port = relay.FacingA.Port });
        b.AddRemoteCandidate(ca with { Port = relay.FacingB.Port });
        return (a, b, relay);
    }

    [Fact]
    public async Task ConnectsDespiteFortyPercentLoss()
    {
        var ct = Timeouts.Token();
        var (a, b, relay) = await StartAsync(TimeSpan.FromSeconds(30), ct);
        await using var _ = relay;
        await using var __ = a;
        await using var ___ = b;
        relay.LossRate = 0.4;
        var ta = a.ConnectAsync(b.LocalParameters, IceRole.Controlling, ct);
        var tb = b.ConnectAsync(a.LocalParameters, IceRole.Controlled, ct);
        var (x, y) = (await ta, await tb);
        relay.LossRate = 0;
        await AgentHarness.AssertDataFlowsAsync(x, y, ct);
        Assert.Equal(relay.FacingA.Port, a.SelectedRemoteEndPoint!.Port);
    }

    [Fact]
    public async Task CuttingTheWireFailsBothSidesByConsentAndRestoringItInTimeRecovers()
    {
        var ct = Timeouts.Token();
        var (a, b, relay) = await StartAsync(TimeSpan.FromSeconds(3), ct);
        await using var _ = relay;
        await using var __ = a;
        await using var ___ = b;
        var ta = a.ConnectAsync(b.LocalParameters, IceRole.Controlling, ct);
        var tb = b.ConnectAsync(a.LocalParameters, IceRole.Controlled, ct);
        await Task.WhenAll(ta, tb);

        // A short cut: Disconnected, then back to Connected when consent answers return.
        relay.LossRate = 1;
        await AgentHarness.WaitUntilAsync(() => a.State == IceConnectionState.Disconnected, TimeSpan.FromSeconds(5), "a disconnected");
        relay.LossRate = 0;
        await AgentHarness.WaitUntilAsync(() => a.State == IceConnectionState.Connected, TimeSpan.FromSeconds(5), "a connected again");
        await AgentHarness.AssertDataFlowsAsync(await ta, await tb, ct);

        // A long cut: both sides give up, each with the readable reason.
        relay.LossRate = 1;
        await AgentHarness.WaitUntilAsync(() => a.State == IceConnectionState.Failed && b.State == IceConnectionState.Failed,
            TimeSpan.FromSeconds(10), "both failed");
        Assert.Equal("The other person can no longer be reached (no response for 3 s).", a.FailureReason);
        Assert.Equal(a.FailureReason, b.FailureReason);
    }

    [Fact]
    public async Task AFailedSideWithdrawsConsentSoThePeerFailsEvenWhenTheWireComesBack()
    {
        var ct = Timeouts.Token();
        var (a, b, relay) = await StartAsync(TimeSpan.FromSeconds(2), ct, consentTimeoutOfB: TimeSpan.FromSeconds(6));
        await using var _ = relay;
        await using var __ = a;
        await using var ___ = b;
        await Task.WhenAll(a.ConnectAsync(b.LocalParameters, IceRole.Controlling, ct), b.ConnectAsync(a.LocalParameters, IceRole.Controlled, ct));
        relay.LossRate = 1;
        await AgentHarness.WaitUntilAsync(() => a.State == IceConnectionState.Failed, TimeSpan.FromSeconds(6), "a failed");
        Assert.NotEqual(IceConnectionState.Failed, b.State);
        relay.LossRate = 0; // b's consent checks reach a again, but a must no longer answer them
        await AgentHarness.WaitUntilAsync(() => b.State == IceConnectionState.Failed, TimeSpan.FromSeconds(10), "b failed");
        Assert.Equal("The other person can no longer be reached (no response for 6 s).", b.FailureReason);
    }
}
