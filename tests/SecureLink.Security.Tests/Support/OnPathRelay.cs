using System.Net;
using System.Net.Sockets;

namespace SecureLink.Security.Tests.Support;

/// <summary>Which way a datagram was going through the relay.</summary>
public enum Direction { JoinerToCreator, CreatorToJoiner }

/// <summary>One datagram the relay saw.</summary>
public sealed record Relayed(Direction Direction, byte[] Bytes);

/// <summary>
/// The on-path attacker: a UDP relay both hosts talk through because it rewrote the candidates
/// in the invite and the reply (<see cref="CodeRewriter"/>), like a hostile router or Wi-Fi
/// access point. It forwards everything, records everything, and can drop, replay or inject
/// datagrams that arrive from the very address the victim believes is its peer. It never holds
/// a key. Binds only on 198.18.0.1 inside the test namespace.
/// </summary>
public sealed class OnPathRelay : IAsyncDisposable
{
    private readonly UdpClient _facingJoiner = new(new IPEndPoint(TestNet.A, 0));
    private readonly UdpClient _facingCreator = new(new IPEndPoint(TestNet.A, 0));
    private readonly IPEndPoint _creator;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private readonly List<Relayed> _log = [];
    private IPEndPoint? _joiner;

    /// <param name="creator">The real creator's candidate the relay forwards the joiner's packets to.</param>
    public OnPathRelay(IPEndPoint creator)
    {
        _creator = creator;
        _loops = [Task.Run(() => PumpAsync(_facingJoiner, Direction.JoinerToCreator)), Task.Run(() => PumpAsync(_facingCreator, Direction.CreatorToJoiner))];
    }

    /// <summary>Where the rewritten invite tells the joiner the creator is.</summary>
    public IPEndPoint FacingJoiner => (IPEndPoint)_facingJoiner.Client.LocalEndPoint!;

    /// <summary>Where the rewritten reply tells the creator the joiner is.</summary>
    public IPEndPoint FacingCreator => (IPEndPoint)_facingCreator.Client.LocalEndPoint!;

    /// <summary>The joiner's real address, once it sent anything.</summary>
    public IPEndPoint? Joiner => Volatile.Read(ref _joiner);

    public IPEndPoint Creator => _creator;

    /// <summary>Return false to drop a datagram instead of forwarding it.</summary>
    public Func<Relayed, bool> Forward { get; set; } = _ => true;

    /// <summary>Every datagram seen so far, in order.</summary>
    public IReadOnlyList<Relayed> Seen { get { lock (_log) return [.. _log]; } }

    /// <summary>Forgets what was recorded (e.g. the handshake) so a test can record one phase.</summary>
    public void ClearLog() { lock (_log) _log.Clear(); }

    /// <summary>Sends <paramref name="datagram"/> as if it came from the victim's peer, through the relay's own socket.</summary>
    public async Task InjectAsync(Direction direction, byte[] datagram)
    {
        if (direction == Direction.JoinerToCreator) await _facingCreator.SendAsync(datagram, _creator);
        else if (Joiner is { } joiner) await _facingJoiner.SendAsync(datagram, joiner);
    }

    private async Task PumpAsync(UdpClient from, Direction direction)
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult r;
            try { r = await from.ReceiveAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; }
            catch (SocketException) { continue; } // ICMP port unreachable from a peer that closed
            if (direction == Direction.JoinerToCreator) Volatile.Write(ref _joiner, r.RemoteEndPoint);
            var item = new Relayed(direction, r.Buffer);
            lock (_log) _log.Add(item);
            if (!Forward(item)) continue;
            try
            {
                if (direction == Direction.JoinerToCreator) await _facingCreator.SendAsync(r.Buffer, _creator);
                else if (Joiner is { } joiner) await _facingJoiner.SendAsync(r.Buffer, joiner);
            }
            catch (SocketException) { }
            catch (ObjectDisposedException) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _facingJoiner.Dispose();
        _facingCreator.Dispose();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }
}
