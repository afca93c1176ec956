using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Ice.Tests.Support;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>
/// Agents on the veth pair of tests/tools/isolated.sh (198.18.0.1 ⇄ 198.18.0.2) and on every
/// interface of that private namespace. Skipped elsewhere, because gathering on all interfaces
/// of a real machine would send checks to real networks.
/// </summary>
public sealed class IceAgentIsolatedTests
{
    [IsolatedFact]
    public async Task AgentsConnectOverTheVethAddresses()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.OnlyAddress(Veth.A));
        await using var b = new IceAgent(AgentHarness.OnlyAddress(Veth.B));
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlled, ct);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        Assert.Equal(Veth.A, a.SelectedLocalEndPoint!.Address);
        Assert.Equal(Veth.B, a.SelectedRemoteEndPoint!.Address);
    }

    [IsolatedFact]
    public async Task GatheringOnAllInterfacesFindsTheVethAddressesAndSkipsLoopbackAndLinkLocal()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(new IceAgentOptions());
        var candidates = await a.GatherAsync(ct);
        var addresses = candidates.Select(c => IPAddress.Parse(c.Address)).ToList();
        Assert.Contains(Veth.A, addresses);
        Assert.Contains(Veth.B, addresses);
        Assert.DoesNotContain(addresses, IPAddress.IsLoopback);
        Assert.DoesNotContain(addresses, x => x.IsIPv6LinkLocal);
        Assert.All(candidates, c => Assert.Equal(IceCandidateType.Host, c.Type));
        Assert.Equal(candidates.Count, candidates.Select(c => c.Priority).Distinct().Count());
        if (addresses.Any(x => x.AddressFamily == AddressFamily.InterNetworkV6))
            Assert.Equal(AddressFamily.InterNetworkV6, addresses[0].AddressFamily); // IPv6 preferred (RFC 8421)
    }

    [IsolatedFact]
    public async Task AgentsGatheringOnAllInterfacesConnect()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(new IceAgentOptions { ConnectTimeout = TimeSpan.FromSeconds(10) });
        await using var b = new IceAgent(new IceAgentOptions { ConnectTimeout = TimeSpan.FromSeconds(10) });
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
    }

    [IsolatedFact]
    public async Task AgentsWithoutIPv6ConnectOverIPv4()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(new IceAgentOptions { IncludeIPv6 = false });
        await using var b = new IceAgent(new IceAgentOptions { IncludeIPv6 = false });
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        Assert.Equal(AddressFamily.InterNetwork, a.SelectedLocalEndPoint!.AddressFamily);
    }

    [IsolatedFact]
    public async Task IPv6VethAddressesConnect()
    {
        var ct = Timeouts.Token();
        var v6a = IPAddress.Parse("2001:db8:5e::1");
        var v6b = IPAddress.Parse("2001:db8:5e::2");
        await using var a = new IceAgent(AgentHarness.OnlyAddress(v6a));
        await using var b = new IceAgent(AgentHarness.OnlyAddress(v6b));
        if ((await a.GatherAsync(ct)).Count == 0 || (await b.GatherAsync(ct)).Count == 0) return; // the namespace got no IPv6 (nodad failed)
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        Assert.Equal(v6b, a.SelectedRemoteEndPoint!.Address);
    }

    [IsolatedFact]
    public async Task ConsentLossOnVethWhenThePeerGoesSilent()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.OnlyAddress(Veth.A, TimeSpan.FromSeconds(2)));
        var b = new IceAgent(AgentHarness.OnlyAddress(Veth.B));
        await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        await b.DisposeAsync();
        await AgentHarness.WaitUntilAsync(() => a.State == IceConnectionState.Failed, TimeSpan.FromSeconds(8), "consent failure");
        Assert.Contains("no response for 2 s", a.FailureReason);
    }
}
