using System.Net;
using System.Net.Sockets;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>
/// A UDP relay on 127.0.0.1 that drops a share of the datagrams in each direction, so a real
/// third-party DTLS stack (OpenSSL) can be tested over a lossy path. The kernel here has no
/// netem, hence user space. The first sender on the front socket becomes "A"; everything the
/// back socket receives goes to A; everything from A goes to the target.
/// </summary>
internal sealed class LossyUdpRelay : IAsyncDisposable
{
    private readonly UdpClient _front = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _back = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _forward;
    private readonly Task _backward;
    private readonly Random _random;
    private readonly object _gate = new();
    private IPEndPoint? _a;

    public LossyUdpRelay(IPEndPoint target, double lossRate, int seed)
    {
        _random = new Random(seed);
        _forward = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = await _front.ReceiveAsync(_stop.Token);
                _a ??= r.RemoteEndPoint;
                if (!Drop(lossRate)) await _back.SendAsync(r.Buffer, target, _stop.Token);
            }
        });
        _backward = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = await _back.ReceiveAsync(_stop.Token);
                if (_a is { } a && !Drop(lossRate)) await _front.SendAsync(r.Buffer, a, _stop.Token);
            }
        });
    }

    /// <summary>Where "A" must send to reach the target through the relay.</summary>
    public IPEndPoint Front => (IPEndPoint)_front.Client.LocalEndPoint!;

    public int Dropped { get; private set; }

    private bool Drop(double rate)
    {
        lock (_gate)
        {
            if (_random.NextDouble() >= rate) return false;
            Dropped++;
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await Task.WhenAll(_forward, _backward).WaitAsync(TimeSpan.FromSeconds(2)); } catch (Exception) { }
        _front.Dispose();
        _back.Dispose();
    }
}
