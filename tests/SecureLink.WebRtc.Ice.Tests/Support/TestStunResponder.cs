using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Stun;

namespace SecureLink.WebRtc.Ice.Tests.Support;

/// <summary>
/// A tiny STUN server on 127.0.0.1 (real UDP) for tests: answers Binding requests with
/// XOR-MAPPED-ADDRESS, optionally dropping the first N requests or reporting a fixed
/// "public" address as a NAT would.
/// </summary>
public sealed class TestStunResponder : IAsyncDisposable
{
    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;
    private int _received;

    public TestStunResponder(int dropFirst = 0, IPEndPoint? reportAs = null, IPAddress? bind = null)
    {
        _udp = new UdpClient(new IPEndPoint(bind ?? IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _loop = Task.Run(() => RunAsync(dropFirst, reportAs));
    }

    public IPEndPoint EndPoint { get; }
    public int RequestsReceived => Volatile.Read(ref _received);

    private async Task RunAsync(int dropFirst, IPEndPoint? reportAs)
    {
        while (!_cts.IsCancellationRequested)
        {
            UdpReceiveResult r;
            try { r = await _udp.ReceiveAsync(_cts.Token); }
            catch (Exception) { return; }
            if (!StunMessage.TryParse(r.Buffer, out var m) || m!.Class != StunMessageClass.Request) continue;
            if (Interlocked.Increment(ref _received) <= dropFirst) continue;
            var response = new StunMessage(StunMessageClass.SuccessResponse, StunMethod.Binding, m.TransactionId)
                .Add(new XorMappedAddressAttribute(reportAs is null ? r.RemoteEndPoint : new IPEndPoint(reportAs.Address, r.RemoteEndPoint.Port)));
            try { await _udp.SendAsync(response.Encode(fingerprint: true), r.RemoteEndPoint, _cts.Token); }
            catch (Exception) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        _udp.Dispose();
        try { await _loop; } catch (OperationCanceledException) { }
        _cts.Dispose();
    }
}
