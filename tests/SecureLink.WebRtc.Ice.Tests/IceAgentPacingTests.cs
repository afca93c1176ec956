using SecureLink.WebRtc.Ice.Tests.Support;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>
/// Setup must not wait for the Ta ticker: the first check goes when checking starts, a check
/// prompted by an input goes as soon as Ta allows, and the controlling side nominates the
/// moment its best pair succeeds. With Ta far longer than the test's timeout, an agent that
/// waited for a tick anywhere on that path could not connect in time.
/// </summary>
public sealed class IceAgentPacingTests
{
    private static readonly TimeSpan HugeTa = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(IceRole.Controlling, false)]
    [InlineData(IceRole.Controlled, false)]
    [InlineData(IceRole.Controlling, true)]
    [InlineData(IceRole.Controlled, true)]
    public async Task ConnectsWithoutWaitingForATick(IceRole roleOfA, bool bStartsLate)
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions(TimeSpan.FromMinutes(10), checkInterval: HugeTa));
        await using var b = new IceAgent(AgentHarness.LoopbackOptions(TimeSpan.FromMinutes(10), checkInterval: HugeTa));
        foreach (var c in await b.GatherAsync(ct)) a.AddRemoteCandidate(c);
        foreach (var c in await a.GatherAsync(ct)) b.AddRemoteCandidate(c);
        var ta = a.ConnectAsync(b.LocalParameters, roleOfA, ct);
        // Late: a's checks (and, when a controls, its nomination) reach b before b knows a's
        // credentials; b answers them and must act on them the moment it starts.
        if (bStartsLate) await Task.Delay(300, ct);
        var tb = b.ConnectAsync(a.LocalParameters, roleOfA == IceRole.Controlling ? IceRole.Controlled : IceRole.Controlling, ct);
        var (x, y) = (await ta, await tb);
        await AgentHarness.AssertDataFlowsAsync(x, y, ct);
        Assert.Equal(IceConnectionState.Connected, a.State);
        Assert.Equal(IceConnectionState.Connected, b.State);
        Assert.Equal(a.SelectedLocalEndPoint, b.SelectedRemoteEndPoint);
    }
}
