using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Benchmarks.Dtls;

/// <summary>DTLS handshake latency (in-memory pipe and real UDP on loopback) and application-data
/// throughput, against the bare pipe as the reference for the throughput ratio.</summary>
public sealed class DtlsBenchmarks : IBenchmark
{
    public string Name => "dtls";

    public string Description => "DTLS 1.2 handshake time (pipe, UDP loopback) and record throughput vs. the bare pipe";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        const int Handshakes = 20;
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();

        var pipeTimes = new List<double>();
        for (var i = 0; i < Handshakes; i++)
        {
            var (a, b) = DatagramPipe.Create();
            var (c, s, ms) = await HandshakeAsync(a, b, clientCert, serverCert, cancellationToken);
            pipeTimes.Add(ms);
            await c.DisposeAsync();
            await s.DisposeAsync();
        }
        output.WriteLine($"handshake over in-memory pipe: median {Median(pipeTimes):0.0} ms, max {pipeTimes.Max():0.0} ms ({Handshakes} runs)");

        var udpTimes = new List<double>();
        for (var i = 0; i < Handshakes; i++)
        {
            var a = new LoopbackUdp();
            var b = new LoopbackUdp();
            a.Remote = b.Local;
            b.Remote = a.Local;
            var (c, s, ms) = await HandshakeAsync(a, b, clientCert, serverCert, cancellationToken);
            udpTimes.Add(ms);
            await c.DisposeAsync();
            await s.DisposeAsync();
        }
        output.WriteLine($"handshake over UDP 127.0.0.1:     median {Median(udpTimes):0.0} ms, max {udpTimes.Max():0.0} ms ({Handshakes} runs)");

        var (pa, pb) = DatagramPipe.Create();
        var bare = await ThroughputAsync(pa, pb, 1100, cancellationToken);
        var (da, db) = DatagramPipe.Create();
        var (client, server, _) = await HandshakeAsync(da, db, clientCert, serverCert, cancellationToken);
        var dtls = await ThroughputAsync(client, server, client.MaxDatagramSize, cancellationToken);
        await client.DisposeAsync();
        await server.DisposeAsync();
        output.WriteLine($"throughput, bare pipe:            {bare:0.0} MB/s");
        output.WriteLine($"throughput, DTLS AES-128-GCM:     {dtls:0.0} MB/s (ratio {dtls / bare:0.00} of the bare pipe)");
    }

    private static async Task<(DtlsTransport, DtlsTransport, double)> HandshakeAsync(IDatagramTransport a, IDatagramTransport b,
        DtlsCertificate clientCert, DtlsCertificate serverCert, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var server = DtlsTransport.ConnectAsync(b, DtlsRole.Server, serverCert, clientCert.Fingerprint, null, ct);
        var client = DtlsTransport.ConnectAsync(a, DtlsRole.Client, clientCert, serverCert.Fingerprint, null, ct);
        await Task.WhenAll(client, server);
        return (await client, await server, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task<double> ThroughputAsync(IDatagramTransport sender, IDatagramTransport receiver, int size, CancellationToken ct)
    {
        const int Count = 20000;
        var payload = new byte[size];
        var buffer = new byte[65536];
        var received = 0;
        var reader = Task.Run(async () =>
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                while (received < Count)
                {
                    idle.CancelAfter(TimeSpan.FromSeconds(2));
                    await receiver.ReceiveAsync(buffer, idle.Token);
                    received++;
                }
            }
            catch (OperationCanceledException) { }
        }, ct);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Count; i++)
        {
            await sender.SendAsync(payload, ct);
            if ((i & 255) == 255) await Task.Yield(); // let the reader keep up; the queues drop when full
        }
        await reader;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return received * (double)size / seconds / 1e6;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed class LoopbackUdp : IDatagramTransport
    {
        private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
        public IPEndPoint Local => (IPEndPoint)_udp.Client.LocalEndPoint!;
        public IPEndPoint? Remote { get; set; }
        public int MaxDatagramSize => 1200;

        public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
        {
            try { await _udp.SendAsync(datagram, Remote!, cancellationToken); }
            catch (ObjectDisposedException e) { throw new TransportClosedException("closed", e); }
        }

        public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                var result = await _udp.ReceiveAsync(cancellationToken);
                var n = Math.Min(buffer.Length, result.Buffer.Length);
                result.Buffer.AsSpan(0, n).CopyTo(buffer.Span);
                return n;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                throw new TransportClosedException("closed", e);
            }
        }

        public ValueTask DisposeAsync()
        {
            _udp.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
