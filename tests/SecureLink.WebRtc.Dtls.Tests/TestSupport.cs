using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>Shared plumbing: both ends of a handshake, timeouts so nothing hangs.</summary>
internal static class TestSupport
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    public static CancellationToken Timeout(TimeSpan? after = null) =>
        new CancellationTokenSource(after ?? TestTimeout).Token;

    /// <summary>Runs client and server handshakes concurrently over the given pair of transports.</summary>
    public static async Task<(DtlsTransport Client, DtlsTransport Server)> ConnectPairAsync(
        IDatagramTransport clientSide, IDatagramTransport serverSide,
        DtlsOptions? clientOptions = null, DtlsOptions? serverOptions = null,
        DtlsCertificate? clientCert = null, DtlsCertificate? serverCert = null,
        DtlsFingerprint? clientExpects = null, DtlsFingerprint? serverExpects = null,
        CancellationToken ct = default)
    {
        clientCert ??= DtlsCertificate.Generate();
        serverCert ??= DtlsCertificate.Generate();
        if (ct == default) ct = Timeout();
        var server = DtlsTransport.ConnectAsync(serverSide, DtlsRole.Server, serverCert,
            serverExpects ?? clientCert.Fingerprint, serverOptions, ct);
        var client = DtlsTransport.ConnectAsync(clientSide, DtlsRole.Client, clientCert,
            clientExpects ?? serverCert.Fingerprint, clientOptions, ct);
        try
        {
            await Task.WhenAll(client, server);
        }
        catch (Exception) when (client.IsFaulted && server.IsFaulted)
        {
            // Say which side failed first: the other usually only saw the link close.
            throw new AggregateException("both handshakes failed", client.Exception!.InnerException!, server.Exception!.InnerException!);
        }
        return (await client, await server);
    }

    public static async Task<byte[]> ReceiveOneAsync(IDatagramTransport transport, CancellationToken ct = default)
    {
        if (ct == default) ct = Timeout(TimeSpan.FromSeconds(10));
        var buffer = new byte[65536];
        var n = await transport.ReceiveAsync(buffer, ct);
        return buffer.AsSpan(0, n).ToArray();
    }

    public static async Task AssertRoundTripAsync(DtlsTransport a, DtlsTransport b, string text)
    {
        var payload = System.Text.Encoding.UTF8.GetBytes(text);
        await a.SendAsync(payload);
        Assert.Equal(payload, await ReceiveOneAsync(b));
        await b.SendAsync(payload.Reverse().ToArray());
        Assert.Equal(payload.Reverse().ToArray(), await ReceiveOneAsync(a));
    }
}

/// <summary>A real UDP socket on loopback as an <see cref="IDatagramTransport"/>, sending to one
/// peer; what ICE hands to DTLS in production, minus the ICE.</summary>
internal sealed class UdpDatagramTransport : IDatagramTransport
{
    private readonly UdpClient _udp;
    private IPEndPoint? _remote;
    private volatile bool _closed;

    public UdpDatagramTransport(IPEndPoint? remote = null, int localPort = 0)
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, localPort));
        _remote = remote;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public IPEndPoint? Remote { get => _remote; set => _remote = value; }

    /// <summary>Learn the peer from its first datagram (for a peer whose port we do not choose).</summary>
    public bool LearnRemote { get; init; }

    public int MaxDatagramSize => 1200;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        if (_closed) throw new TransportClosedException();
        var remote = _remote ?? throw new InvalidOperationException("no remote yet");
        try
        {
            await _udp.SendAsync(datagram, remote, cancellationToken);
        }
        catch (ObjectDisposedException e)
        {
            throw new TransportClosedException("closed", e);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _injected = new();

    /// <summary>Queues a datagram as if it had come from the peer (a spoofing attacker).</summary>
    public void Inject(byte[] datagram) => _injected.Enqueue(datagram);

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_closed) throw new TransportClosedException();
            if (_injected.TryDequeue(out var forged))
            {
                forged.AsSpan(0, Math.Min(forged.Length, buffer.Length)).CopyTo(buffer.Span);
                return Math.Min(forged.Length, buffer.Length);
            }
            UdpReceiveResult result;
            try
            {
                result = await _udp.ReceiveAsync(cancellationToken);
            }
            catch (ObjectDisposedException e)
            {
                throw new TransportClosedException("closed", e);
            }
            catch (SocketException e) when (_closed)
            {
                throw new TransportClosedException("closed", e);
            }
            catch (SocketException)
            {
                continue; // ICMP port unreachable from an earlier send: not fatal for UDP
            }
            if (_remote is null && LearnRemote) _remote = result.RemoteEndPoint;
            if (_remote is not null && !result.RemoteEndPoint.Equals(_remote)) continue;
            var n = Math.Min(buffer.Length, result.Buffer.Length);
            result.Buffer.AsSpan(0, n).CopyTo(buffer.Span);
            return n;
        }
    }

    public ValueTask DisposeAsync()
    {
        _closed = true;
        _udp.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Wraps a transport to watch and tamper with what goes through it.</summary>
internal sealed class TapTransport(IDatagramTransport inner) : IDatagramTransport
{
    private readonly object _gate = new();
    private readonly List<(TimeSpan At, byte[] Datagram)> _sent = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public IReadOnlyList<(TimeSpan At, byte[] Datagram)> Sent { get { lock (_gate) return _sent.ToList(); } }

    public int MaxDatagramSize => inner.MaxDatagramSize;

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        lock (_gate) _sent.Add((_clock.Elapsed, datagram.ToArray()));
        return inner.SendAsync(datagram, cancellationToken);
    }

    /// <summary>Sends raw bytes to the peer, bypassing DTLS (an attacker on the path).</summary>
    public ValueTask InjectAsync(byte[] datagram) => inner.SendAsync(datagram);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReceiveAsync(buffer, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
