using System.Net;
using System.Net.Sockets;

namespace SecureLink.WebRtc.Ice.Tests.Support;

/// <summary>
/// A user-space "wire" between two agents on 127.0.0.1 that can lose packets (this kernel has no
/// netem). Agent A talks to <see cref="FacingA"/>, agent B to <see cref="FacingB"/>; each side
/// sees the relay's other port as its peer, like through a NAT that keeps ports.
/// </summary>
public sealed class UdpRelay : IAsyncDisposable
{
    private readonly UdpClient _facingA = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _facingB = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _cts = new();
    private readonly Task[] _loops;
    private readonly Random _random = new(7);
    private readonly object _gate = new();
    private IPEndPoint? _a, _b;

    public UdpRelay(IPEndPoint a, IPEndPoint b)
    {
        _a = a;
        _b = b;
        _loops = [Task.Run(() => PumpAsync(_facingA, _facingB, () => _b)), Task.Run(() => PumpAsync(_facingB, _facingA, () => _a))];
    }

    public IPEndPoint FacingA => (IPEndPoint)_facingA.Client.LocalEndPoint!;
    public IPEndPoint FacingB => (IPEndPoint)_facingB.Client.LocalEndPoint!;

    /// <summary>Probability (0..1) that a datagram in either direction is dropped; 1 cuts the wire.</summary>
    public double LossRate { get; set; }

    private async Task PumpAsync(UdpClient from, UdpClient to, Func<IPEndPoint?> destination)
    {
        while (!_cts.IsCancellationRequested)
        {
            UdpReceiveResult r;
            try { r = await from.ReceiveAsync(_cts.Token); }
            catch (Exception) { return; }
            bool drop;
            lock (_gate) drop = _random.NextDouble() < LossRate;
            if (drop || destination() is not { } d) continue;
            try { await to.SendAsync(r.Buffer, d, _cts.Token); }
            catch (Exception) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        _facingA.Dispose();
        _facingB.Dispose();
        await Task.WhenAll(_loops);
        _cts.Dispose();
    }
}
