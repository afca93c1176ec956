using System.Diagnostics;
using SecureLink.WebRtc.Transport;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests;

public class ShutdownTests
{
    private static async Task<string> ClosedReasonAsync(SctpAssociation a)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Closed += r => tcs.TrySetResult(r);
        if (a.ClosedReason is { } already) return already;
        return await tcs.Task.WaitAsync(TestPair.Timeout);
    }

    [Fact]
    public async Task Dispose_shuts_down_gracefully_and_the_peer_sees_shutdown()
    {
        var pair = await TestPair.WithChannelsAsync();
        var (local, remote) = await pair.OpenChannelAsync("x");
        var collector = new MessageCollector(remote, 1);
        await local.SendAsync("data before shutdown");
        var peerReason = ClosedReasonAsync(pair.Server);
        var sw = Stopwatch.StartNew();
        await pair.Client.DisposeAsync().AsTask().WaitAsync(TestPair.Timeout);
        sw.Stop();
        Assert.Equal("shutdown", pair.Client.ClosedReason);
        Assert.Equal("shutdown", await peerReason);
        Assert.Single(await collector.WaitAsync());
        Assert.True(pair.Client.IsFullyStopped);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1), $"graceful shutdown took {sw.ElapsedMilliseconds} ms, so it fell back to ABORT");
        await pair.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_sides_disposing_at_once_both_end_with_shutdown(bool collision)
    {
        var pair = await TestPair.ConnectAsync(bothClients: collision);
        pair.ClientChannels = new DataChannels.DataChannelManager(pair.Client, true);
        pair.ServerChannels = new DataChannels.DataChannelManager(pair.Server, false);
        var (local, remote) = await pair.OpenChannelAsync("x");
        await local.SendAsync("a");
        await remote.SendAsync("b");
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(pair.Client.DisposeAsync().AsTask(), pair.Server.DisposeAsync().AsTask()).WaitAsync(TestPair.Timeout);
        Assert.True(sw.Elapsed < TimeSpan.FromMilliseconds(900), $"took {sw.ElapsedMilliseconds} ms: fell back to ABORT");
        Assert.Equal("shutdown", pair.Client.ClosedReason);
        Assert.Equal("shutdown", pair.Server.ClosedReason);
        await pair.DisposeAsync();
    }

    [Fact]
    public async Task Abort_closes_the_peer_with_reason_abort_and_closes_its_channels()
    {
        var pair = await TestPair.WithChannelsAsync();
        var (_, remote) = await pair.OpenChannelAsync("x");
        var remoteClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        remote.ClosedEvent += () => remoteClosed.TrySetResult();
        var peerReason = ClosedReasonAsync(pair.Server);
        await pair.Client.AbortAsync().WaitAsync(TestPair.Timeout);
        Assert.Equal("abort", await peerReason);
        await remoteClosed.Task.WaitAsync(TestPair.Timeout);
        await pair.DisposeAsync();
    }

    [Fact]
    public async Task Transport_closing_under_the_association_closes_it()
    {
        var pair = await TestPair.ConnectAsync();
        var reason = ClosedReasonAsync(pair.Client);
        await pair.ServerTransport.DisposeAsync(); // closes both pipe ends
        Assert.Equal("transport closed", await reason);
        await pair.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_towards_a_silent_peer_gives_up_within_the_bound_and_leaves_nothing_running()
    {
        var (a, b) = DatagramPipe.Create();
        var clientLower = new ProbeTransport(a);
        var serverLower = new ProbeTransport(b);
        var pair = await TestPair.ConnectAsync(clientLower: clientLower, serverLower: serverLower,
            tweak: o => new SctpOptions { IsClient = o.IsClient, RtoMin = TimeSpan.FromMilliseconds(50), RtoInitial = TimeSpan.FromMilliseconds(100) });
        serverLower.Muted = true; // the server's SACKs and SHUTDOWN-ACK never arrive
        await pair.Client.SendAsync(1, 53, new byte[5000]); // T3-rtx now runs
        await Task.Delay(300);
        Assert.True(pair.Client.Statistics.Retransmissions > 0, "T3 should be retransmitting");
        var sw = Stopwatch.StartNew();
        await pair.Client.DisposeAsync().AsTask().WaitAsync(TestPair.Timeout);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"dispose took {sw.ElapsedMilliseconds} ms");
        Assert.Equal("timeout", pair.Client.ClosedReason);
        Assert.True(pair.Client.IsFullyStopped);
        var sentAtDispose = clientLower.Sent;
        await Task.Delay(1000); // several RTOs: a surviving timer would have retransmitted by now
        Assert.Equal(sentAtDispose, clientLower.Sent);
        await pair.DisposeAsync();
    }

    [Fact]
    public async Task Cancelling_connect_stops_the_init_timer()
    {
        var (a, b) = DatagramPipe.Create();
        var probe = new ProbeTransport(a);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        // Nobody answers: INIT is retransmitted every RTO until the cancel.
        var connect = SctpAssociation.ConnectAsync(probe, new SctpOptions { IsClient = true, RtoInitial = TimeSpan.FromMilliseconds(50) }, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect.WaitAsync(TestPair.Timeout));
        Assert.True(probe.Sent >= 2, $"expected INIT retransmissions, saw {probe.Sent} packets");
        var sent = probe.Sent;
        await Task.Delay(800);
        Assert.Equal(sent, probe.Sent);
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [Fact]
    public async Task Init_retransmission_gives_up_with_timeout()
    {
        var (a, b) = DatagramPipe.Create();
        var connect = SctpAssociation.ConnectAsync(a, new SctpOptions { IsClient = true, RtoInitial = TimeSpan.FromMilliseconds(10), RtoMax = TimeSpan.FromMilliseconds(40), MaxInitRetransmits = 3 }, CancellationToken.None);
        var e = await Assert.ThrowsAsync<SctpAssociationException>(() => connect.WaitAsync(TestPair.Timeout));
        Assert.Contains("timeout", e.Message);
        await a.DisposeAsync();
    }
}
