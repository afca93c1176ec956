using System.Net;
using SecureLink.WebRtc.Ice.Tests.Support;
using SecureLink.WebRtc.Stun;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>Server-reflexive gathering against the in-test STUN responder, which plays a NAT by reporting 203.0.113.9.</summary>
public sealed class ServerReflexiveGatheringTests
{
    private static readonly IPAddress Public = IPAddress.Parse("203.0.113.9");

    [Theory]
    [InlineData(0, "")]
    [InlineData(2, "stun:")]
    public async Task GathersServerReflexiveCandidatesEvenWhenRequestsAreLost(int dropFirst, string scheme)
    {
        var ct = Timeouts.Token();
        await using var server = new TestStunResponder(dropFirst, reportAs: new IPEndPoint(Public, 0));
        var options = new IceAgentOptions
        {
            IncludeLoopback = true,
            IncludeIPv6 = false,
            AddressFilter = a => a.Equals(IPAddress.Loopback),
            StunServers = [scheme + server.EndPoint],
            StunRetransmission = new StunRetransmission(TimeSpan.FromMilliseconds(100)),
        };
        await using var agent = new IceAgent(options);
        var candidates = await agent.GatherAsync(ct);
        var host = Assert.Single(candidates, c => c.Type == IceCandidateType.Host);
        var srflx = Assert.Single(candidates, c => c.Type == IceCandidateType.ServerReflexive);
        Assert.Equal(Public.ToString(), srflx.Address);
        Assert.Equal(host.Port, srflx.Port);
        Assert.Equal(host.Address, srflx.RelatedAddress);
        Assert.Equal(host.Port, srflx.RelatedPort);
        Assert.NotEqual(host.Foundation, srflx.Foundation);
        Assert.Equal(IcePriority.Candidate(IceCandidateType.ServerReflexive, 65535), srflx.Priority);
        Assert.True(agent.HadServerReflexiveCandidates);
        Assert.True(server.RequestsReceived >= dropFirst + 1); // more only if an answer was slower than the 100 ms RTO
    }

    [Fact]
    public async Task ReflexiveAddressEqualToTheBaseIsRedundant()
    {
        var ct = Timeouts.Token();
        await using var server = new TestStunResponder();
        await using var agent = new IceAgent(new IceAgentOptions
        {
            IncludeLoopback = true, IncludeIPv6 = false, AddressFilter = a => a.Equals(IPAddress.Loopback), StunServers = [server.EndPoint.ToString()],
        });
        var candidates = await agent.GatherAsync(ct);
        Assert.All(candidates, c => Assert.Equal(IceCandidateType.Host, c.Type));
        Assert.False(agent.HadServerReflexiveCandidates);
        Assert.True(server.RequestsReceived >= 1);
    }

    [Fact]
    public async Task AnUnansweringServerDelaysGatheringOnlyUntilGatherTimeout()
    {
        var ct = Timeouts.Token();
        await using var server = new TestStunResponder(dropFirst: 1000);
        await using var agent = new IceAgent(new IceAgentOptions
        {
            IncludeLoopback = true, IncludeIPv6 = false, AddressFilter = a => a.Equals(IPAddress.Loopback),
            StunServers = [server.EndPoint.ToString(), "not a server:x"], GatherTimeout = TimeSpan.FromMilliseconds(700),
        });
        var candidates = await agent.GatherAsync(ct);
        Assert.Single(candidates);
        Assert.False(agent.HadServerReflexiveCandidates);
        Assert.InRange(server.RequestsReceived, 1, 3);
    }

    [Fact]
    public async Task ServerReflexiveAgentsStillConnectOverTheirHostCandidates()
    {
        var ct = Timeouts.Token();
        await using var server = new TestStunResponder(reportAs: new IPEndPoint(Public, 0));
        IceAgentOptions Options() => new()
        {
            IncludeLoopback = true, IncludeIPv6 = false, AddressFilter = a => a.Equals(IPAddress.Loopback), StunServers = [server.EndPoint.ToString()],
        };
        await using var a = new IceAgent(Options());
        await using var b = new IceAgent(Options());
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        Assert.True(a.HadServerReflexiveCandidates && b.HadServerReflexiveCandidates);
    }
}
