using System.Net;
using System.Net.Sockets;
using System.Text;
using SecureLink.WebRtc.Ice.Tests.Support;
using SecureLink.WebRtc.Stun;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>Two real agents on 127.0.0.1 with real UDP sockets.</summary>
public sealed class IceAgentLoopbackTests
{
    [Theory]
    [InlineData(IceRole.Controlling)]
    [InlineData(IceRole.Controlled)]
    public async Task TwoAgentsConnectAndCarryData(IceRole roleOfA)
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions());
        await using var b = new IceAgent(AgentHarness.LoopbackOptions());
        var statesOfA = new List<(IceConnectionState, IceConnectionState)>();
        a.StateChanged += (from, to) => { lock (statesOfA) statesOfA.Add((from, to)); };
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, roleOfA, ct);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        Assert.Equal(IceConnectionState.Connected, a.State);
        Assert.Equal(IceConnectionState.Connected, b.State);
        Assert.Equal(roleOfA, a.Role);
        Assert.Equal(a.SelectedLocalEndPoint, b.SelectedRemoteEndPoint);
        Assert.Equal(b.SelectedLocalEndPoint, a.SelectedRemoteEndPoint);
        Assert.Equal(1200, ta.MaxDatagramSize);
        lock (statesOfA)
            Assert.Equal([(IceConnectionState.New, IceConnectionState.Checking), (IceConnectionState.Checking, IceConnectionState.Connected)], statesOfA);
    }

    [Theory]
    [InlineData(IceRole.Controlling)]
    [InlineData(IceRole.Controlled)]
    public async Task RoleConflictResolvesToOneControllingAgent(IceRole both)
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions());
        await using var b = new IceAgent(AgentHarness.LoopbackOptions());
        foreach (var c in await b.GatherAsync(ct)) a.AddRemoteCandidate(c);
        foreach (var c in await a.GatherAsync(ct)) b.AddRemoteCandidate(c);
        var ta = a.ConnectAsync(b.LocalParameters, both, ct);
        var tb = b.ConnectAsync(a.LocalParameters, both, ct);
        var (x, y) = (await ta, await tb);
        await AgentHarness.AssertDataFlowsAsync(x, y, ct);
        Assert.NotEqual(a.Role, b.Role);
    }

    [Fact]
    public async Task WrongPasswordsFailWithinTheTimeoutWithAReason()
    {
        var ct = Timeouts.Token();
        var timeout = TimeSpan.FromSeconds(3);
        await using var a = new IceAgent(AgentHarness.LoopbackOptions(timeout));
        await using var b = new IceAgent(AgentHarness.LoopbackOptions(timeout));
        foreach (var c in await b.GatherAsync(ct)) a.AddRemoteCandidate(c);
        foreach (var c in await a.GatherAsync(ct)) b.AddRemoteCandidate(c);
        var ta = a.ConnectAsync(b.LocalParameters with { Password = "WrongWrongWrongWrongWron" }, IceRole.Controlling, ct);
        var tb = b.ConnectAsync(a.LocalParameters with { Password = "AlsoWrongAlsoWrongAlsoW" }, IceRole.Controlled, ct);
        var ea = await Assert.ThrowsAsync<IceFailedException>(() => ta);
        var eb = await Assert.ThrowsAsync<IceFailedException>(() => tb);
        Assert.StartsWith("No network path to the other person worked (", ea.Message);
        Assert.Equal(ea.Message, a.FailureReason);
        Assert.Equal(IceConnectionState.Failed, a.State);
        Assert.Equal(IceConnectionState.Failed, b.State);
        Assert.True(a.DroppedDatagrams > 0, "the checks with the wrong password must be counted as dropped");
        Assert.NotNull(eb.Message);
    }

    [Fact]
    public async Task OneWrongPasswordFailsThatSide()
    {
        var ct = Timeouts.Token();
        var timeout = TimeSpan.FromSeconds(3);
        await using var a = new IceAgent(AgentHarness.LoopbackOptions(timeout));
        await using var b = new IceAgent(AgentHarness.LoopbackOptions(timeout));
        foreach (var c in await b.GatherAsync(ct)) a.AddRemoteCandidate(c);
        foreach (var c in await a.GatherAsync(ct)) b.AddRemoteCandidate(c);
        _ = a.ConnectAsync(b.LocalParameters, IceRole.Controlling, ct);
        var tb = b.ConnectAsync(a.LocalParameters with { Password = "WrongWrongWrongWrongWron" }, IceRole.Controlled, ct);
        var e = await Assert.ThrowsAsync<IceFailedException>(() => tb);
        Assert.Contains("candidate pairs tried", e.Message);
    }

    [Fact]
    public async Task RemoteServerReflexiveCandidatesAreNoted()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions(TimeSpan.FromSeconds(1)));
        await a.GatherAsync(ct);
        Assert.False(a.RemoteHadServerReflexiveCandidates);
        a.AddRemoteCandidate(IceCandidate.Parse("candidate:5 1 udp 1694498815 203.0.113.8 4000 typ srflx raddr 0.0.0.0 rport 0"));
        await AgentHarness.WaitUntilAsync(() => a.RemoteHadServerReflexiveCandidates, TimeSpan.FromSeconds(5), "srflx noted");
    }

    [Fact]
    public async Task CandidatesTrickledAfterChecksStartAreUsed()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions());
        await using var b = new IceAgent(AgentHarness.LoopbackOptions());
        await a.GatherAsync(ct);
        var cb = await b.GatherAsync(ct);
        var ta = a.ConnectAsync(b.LocalParameters, IceRole.Controlling, ct);
        var tb = b.ConnectAsync(a.LocalParameters, IceRole.Controlled, ct);
        await Task.Delay(300, ct);
        Assert.Equal(IceConnectionState.Checking, a.State);
        foreach (var c in cb) a.AddRemoteCandidate(c); // only one side trickles: the other learns by peer-reflexive discovery
        var (x, y) = (await ta, await tb);
        await AgentHarness.AssertDataFlowsAsync(x, y, ct);
    }

    [Fact]
    public async Task IPv6LoopbackConnectsAndGathersServerReflexive()
    {
        var ct = Timeouts.Token();
        if (!System.Net.Sockets.Socket.OSSupportsIPv6) return;
        await using var server = new TestStunResponder(reportAs: new IPEndPoint(IPAddress.Parse("2001:db8::99"), 0), bind: IPAddress.IPv6Loopback);
        IceAgentOptions Options() => new()
        {
            IncludeLoopback = true, AddressFilter = x => x.Equals(IPAddress.IPv6Loopback), StunServers = [$"[{IPAddress.IPv6Loopback}]:{server.EndPoint.Port}"],
        };
        await using var a = new IceAgent(Options());
        await using var b = new IceAgent(Options());
        var candidates = await a.GatherAsync(ct);
        Assert.Contains(candidates, c => c.Type == IceCandidateType.ServerReflexive && c.Address == "2001:db8::99" && c.RelatedAddress == "::1");
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        Assert.Equal(IPAddress.IPv6Loopback, a.SelectedLocalEndPoint!.Address);
    }

    [Fact]
    public void NonsenseOptionsAreRefusedUpFront()
    {
        Assert.Throws<ArgumentException>(() => new IceAgent(new IceAgentOptions { CheckInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new IceAgent(new IceAgentOptions { ConsentTimeout = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentNullException>(() => new IceAgent(null!));
    }

    [Fact]
    public async Task NoLocalAddressFailsAtOnceWithAReason()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(new IceAgentOptions { AddressFilter = _ => false, ConnectTimeout = TimeSpan.FromSeconds(15) });
        Assert.Empty(await a.GatherAsync(ct));
        var e = await Assert.ThrowsAsync<IceFailedException>(() => a.ConnectAsync(IceParameters.Generate(), IceRole.Controlling, ct));
        Assert.Contains("no usable network connection", e.Message);
    }

    [Fact]
    public async Task NoRemoteCandidatesFailsWithZeroPairs()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions(TimeSpan.FromSeconds(1)));
        var e = await Assert.ThrowsAsync<IceFailedException>(() => a.ConnectAsync(IceParameters.Generate(), IceRole.Controlling, ct));
        Assert.Equal("No network path to the other person worked (0 candidate pairs tried).", e.Message);
    }

    [Fact]
    public async Task ConsentLossGoesDisconnectedThenFailed()
    {
        var ct = Timeouts.Token();
        var consent = TimeSpan.FromSeconds(3);
        await using var a = new IceAgent(AgentHarness.LoopbackOptions(consentTimeout: consent));
        var b = new IceAgent(AgentHarness.LoopbackOptions());
        var states = new List<IceConnectionState>();
        a.StateChanged += (_, to) => { lock (states) states.Add(to); };
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        // Consent keeps the link up while both answer.
        await Task.Delay(consent + TimeSpan.FromSeconds(1), ct);
        Assert.NotEqual(IceConnectionState.Failed, a.State);
        await b.DisposeAsync();
        await AgentHarness.WaitUntilAsync(() => a.State == IceConnectionState.Failed, TimeSpan.FromSeconds(10), "a fails after consent loss");
        Assert.Equal("The other person can no longer be reached (no response for 3 s).", a.FailureReason);
        lock (states)
        {
            // A loaded machine may flap Connected/Disconnected in between; the ends are fixed.
            Assert.Equal([IceConnectionState.Checking, IceConnectionState.Connected], states[..2]);
            Assert.Equal([IceConnectionState.Disconnected, IceConnectionState.Failed], states[^2..]);
        }
        await Assert.ThrowsAsync<TransportClosedException>(async () => await ta.ReceiveAsync(new byte[100], ct));
        Assert.Equal(IceConnectionState.Closed, b.State);
    }

    [Fact]
    public async Task GarbageFromStrangersIsDroppedAndTheSessionKeepsWorking()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions());
        await using var b = new IceAgent(AgentHarness.LoopbackOptions());
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = a.SelectedLocalEndPoint!;
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            if (junk.Length > 0 && i % 2 == 0) junk[0] = (byte)(i % 4); // looks like STUN at first glance
            await stranger.SendAsync(junk, target, ct);
        }
        var truncated = Rfc5769VectorTests.SampleRequest[..40];
        await stranger.SendAsync(truncated, target, ct);
        await stranger.SendAsync(new byte[] { 23, 6, 6, 6 }, target, ct); // "DTLS" from a stranger must not reach the transport
        await AgentHarness.WaitUntilAsync(() => a.DroppedDatagrams >= 150, TimeSpan.FromSeconds(5), "garbage counted as dropped");
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        Assert.Equal(IceConnectionState.Connected, a.State);
    }

    [Fact]
    public async Task WellFormedButHostileStunIsAnsweredOrDroppedAndTheSessionKeepsWorking()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions());
        await using var b = new IceAgent(AgentHarness.LoopbackOptions());
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = a.SelectedLocalEndPoint!;
        var key = Encoding.UTF8.GetBytes(a.LocalParameters.Password);
        var user = new UsernameAttribute(a.LocalParameters.UsernameFragment + ":" + b.LocalParameters.UsernameFragment);
        async Task<StunMessage?> SendAsync(byte[] bytes, bool expectAnswer)
        {
            await stranger.SendAsync(bytes, target, ct);
            if (!expectAnswer) return null;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(TimeSpan.FromSeconds(3));
            return StunMessage.Parse((await stranger.ReceiveAsync(wait.Token)).Buffer);
        }
        static StunMessage Request() => new(StunMessageClass.Request, StunMethod.Binding);

        Assert.Equal(400, (await SendAsync(Request().Encode(fingerprint: true), true))!.Get<ErrorCodeAttribute>()!.Code);          // no USERNAME
        Assert.Equal(400, (await SendAsync(Request().Add(user).Encode(fingerprint: true), true))!.Get<ErrorCodeAttribute>()!.Code); // no MESSAGE-INTEGRITY
        Assert.Equal(420, (await SendAsync(Request().Add(user).Add(new UnknownAttribute(0x7F01, [1])).Encode(key, fingerprint: true), true))!.Get<ErrorCodeAttribute>()!.Code);
        await SendAsync(Request().Add(user).Encode(key), false);                                                                    // no FINGERPRINT: dropped
        await SendAsync(new StunMessage(StunMessageClass.SuccessResponse, StunMethod.Binding).Encode(key, fingerprint: true), false); // answer to nothing
        await SendAsync(new StunMessage(StunMessageClass.ErrorResponse, StunMethod.Binding).Add(new ErrorCodeAttribute(487, "x")).Encode(fingerprint: true), false);
        await SendAsync(new StunMessage(StunMessageClass.Indication, StunMethod.Binding).Encode(fingerprint: true), false);          // keepalive
        await SendAsync(new StunMessage(StunMessageClass.Request, 0x003).Add(user).Encode(key, fingerprint: true), false);         // TURN Allocate
        // A valid check from a stranger's address is a new peer-reflexive candidate; it is answered, and must not hijack the selected pair.
        var ok = await SendAsync(Request().Add(user).Add(new PriorityAttribute(1)).Add(new IceControlledAttribute(1)).Encode(key, fingerprint: true), true);
        Assert.Equal(StunMessageClass.SuccessResponse, ok!.Class);
        await AgentHarness.AssertDataFlowsAsync(ta, tb, ct);
        Assert.Equal(b.SelectedLocalEndPoint, a.SelectedRemoteEndPoint);
        Assert.Equal(IceRole.Controlling, a.Role);
        Assert.Equal(IceConnectionState.Connected, a.State);
    }

    [Fact]
    public async Task ChecksWithWrongCredentialsGet401AndCheckWithGoodOnesGetAnswered()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions());
        var local = (await a.GatherAsync(ct)).Single();
        using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Parse(local.Address), local.Port);

        var bad = new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UsernameAttribute(a.LocalParameters.UsernameFragment + ":peer"))
            .Add(new PriorityAttribute(1)).Encode(Encoding.UTF8.GetBytes("not the password"), fingerprint: true);
        await stranger.SendAsync(bad, target, ct);
        var reply = StunMessage.Parse((await stranger.ReceiveAsync(ct)).Buffer);
        Assert.Equal(StunMessageClass.ErrorResponse, reply.Class);
        Assert.Equal(401, reply.Get<ErrorCodeAttribute>()!.Code);

        // Before ConnectAsync the agent already answers correct checks (it knows its own password).
        var good = new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UsernameAttribute(a.LocalParameters.UsernameFragment + ":peer"))
            .Add(new PriorityAttribute(1)).Add(new IceControlledAttribute(5));
        await stranger.SendAsync(good.Encode(Encoding.UTF8.GetBytes(a.LocalParameters.Password), fingerprint: true), target, ct);
        var ok = StunMessage.Parse((await stranger.ReceiveAsync(ct)).Buffer);
        Assert.Equal(StunMessageClass.SuccessResponse, ok.Class);
        Assert.True(ok.VerifyIntegrity(Encoding.UTF8.GetBytes(a.LocalParameters.Password)));
        Assert.True(ok.VerifyFingerprint());
        Assert.Equal(stranger.Client.LocalEndPoint, ok.Get<XorMappedAddressAttribute>()!.EndPoint);
    }

    [Fact]
    public async Task PeerReflexiveDiscoveryConnectsWhenOneSideHasOnlyMdnsNamesAndChecksArriveEarly()
    {
        var ct = Timeouts.Token();
        await using var a = new IceAgent(AgentHarness.LoopbackOptions());
        await using var b = new IceAgent(AgentHarness.LoopbackOptions());
        var ca = await a.GatherAsync(ct);
        var cb = await b.GatherAsync(ct);
        // a learns b only as a Chromium-style mDNS name it cannot resolve; b knows a's real address.
        a.AddRemoteCandidate(cb[0] with { Address = "3f1a7c2e-6a1b-4c7e-9c1d-2b1e5d6f7a8b.local" });
        foreach (var c in ca) b.AddRemoteCandidate(c);
        var tb = b.ConnectAsync(a.LocalParameters, IceRole.Controlled, ct);
        await Task.Delay(300, ct); // b's checks reach a before a's ConnectAsync
        var ta = a.ConnectAsync(b.LocalParameters, IceRole.Controlling, ct);
        var (x, y) = (await ta, await tb);
        await AgentHarness.AssertDataFlowsAsync(x, y, ct);
        Assert.Equal(b.SelectedLocalEndPoint, a.SelectedRemoteEndPoint);
    }

    [Fact]
    public async Task DisposeFreesThePortsAndStopsEveryLoop()
    {
        var ct = Timeouts.Token();
        var a = new IceAgent(AgentHarness.LoopbackOptions());
        var b = new IceAgent(AgentHarness.LoopbackOptions());
        var (ta, tb) = await AgentHarness.ConnectAsync(a, b, IceRole.Controlling, ct);
        var ports = a.LocalEndPoints.Concat(b.LocalEndPoints).ToList();
        var tasks = a.BackgroundTasks.Concat(b.BackgroundTasks).ToList();
        Assert.NotEmpty(tasks);
        await ta.DisposeAsync(); // the transport owns its agent
        await b.DisposeAsync();
        await b.DisposeAsync(); // idempotent
        Assert.All(tasks, t => Assert.True(t.IsCompleted, "a background task is still running after DisposeAsync"));
        Assert.Equal(IceConnectionState.Closed, a.State);
        Assert.Equal(IceConnectionState.Closed, b.State);
        foreach (var ep in ports)
        {
            using var s = new Socket(ep.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(ep); // throws AddressAlreadyInUse if the agent left a socket open
        }
        await Assert.ThrowsAsync<TransportClosedException>(async () => await tb.SendAsync(new byte[] { 23 }, ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => a.GatherAsync(ct));
    }

    [Fact]
    public async Task DisposeDuringChecksEndsConnectAsync()
    {
        var ct = Timeouts.Token();
        var a = new IceAgent(AgentHarness.LoopbackOptions());
        a.AddRemoteCandidate(new IceCandidate("9", 1, "udp", 100, "127.0.0.1", 9, IceCandidateType.Host));
        var connect = a.ConnectAsync(IceParameters.Generate(), IceRole.Controlling, ct);
        await Task.Delay(200, ct);
        await a.DisposeAsync();
        await Assert.ThrowsAsync<IceFailedException>(() => connect);
        Assert.All(a.BackgroundTasks, t => Assert.True(t.IsCompleted));
    }
}
