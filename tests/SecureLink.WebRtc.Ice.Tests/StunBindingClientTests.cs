using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Ice.Tests.Support;
using SecureLink.WebRtc.Stun;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>The binding client against a real in-test STUN responder on 127.0.0.1.</summary>
public sealed class StunBindingClientTests
{
    [Fact]
    public void RetransmissionScheduleIsTheRfcs()
    {
        var rfc = StunRetransmission.Rfc8489;
        var waits = Enumerable.Range(0, rfc.MaxRequests).Select(i => rfc.WaitAfter(i).TotalMilliseconds).ToArray();
        Assert.Equal([500, 1000, 2000, 4000, 8000, 16000, 8000], waits);
        Assert.Equal(39500, waits.Sum()); // RFC 8489 §6.2.1: 39.5 s until giving up
    }

    [Fact]
    public async Task RetransmitsUntilTheServerAnswers()
    {
        var ct = Timeouts.Token();
        await using var server = new TestStunResponder(dropFirst: 2);
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new StunBindingClient(async (b, to) => await socket.SendAsync(b, to), new StunRetransmission(TimeSpan.FromMilliseconds(100)));
        using var pump = PumpResponses(socket, client, ct);
        var mapped = await client.QueryAsync(server.EndPoint, ct);
        Assert.Equal(socket.Client.LocalEndPoint, mapped);
        // Two were dropped, so at least three went out; more only if an answer was slower than the RTO.
        Assert.True(server.RequestsReceived >= 3);
        Assert.True(client.RequestsSent >= server.RequestsReceived);
    }

    [Fact]
    public async Task GivesUpAfterRcRequests()
    {
        var ct = Timeouts.Token();
        await using var server = new TestStunResponder(dropFirst: 1000);
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new StunBindingClient(async (b, to) => await socket.SendAsync(b, to), new StunRetransmission(TimeSpan.FromMilliseconds(20), MaxRequests: 4, LastWaitMultiplier: 2));
        var e = await Assert.ThrowsAsync<StunTimeoutException>(() => client.QueryAsync(server.EndPoint, ct));
        Assert.Contains("did not answer (4 requests sent)", e.Message);
        await AgentHarness.WaitUntilAsync(() => server.RequestsReceived == 4, TimeSpan.FromSeconds(2), "4 requests at the server");
    }

    [Fact]
    public void ResponsesFromElsewhereOrForOtherTransactionsAreNotTaken()
    {
        var client = new StunBindingClient((_, _) => ValueTask.CompletedTask);
        var stray = new StunMessage(StunMessageClass.SuccessResponse, StunMethod.Binding)
            .Add(new XorMappedAddressAttribute(new IPEndPoint(IPAddress.Loopback, 1)));
        Assert.False(client.TryHandleResponse(stray, new IPEndPoint(IPAddress.Loopback, 2)));
        Assert.False(client.TryHandleResponse(new StunMessage(StunMessageClass.Request, StunMethod.Binding), new IPEndPoint(IPAddress.Loopback, 2)));
    }

    private static CancellationTokenSource PumpResponses(UdpClient socket, StunBindingClient client, CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                UdpReceiveResult r;
                try { r = await socket.ReceiveAsync(cts.Token); } catch (Exception) { return; }
                if (StunMessage.TryParse(r.Buffer, out var m)) client.TryHandleResponse(m!, r.RemoteEndPoint);
            }
        });
        return cts;
    }
}
