using System.Diagnostics;
using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Sctp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Benchmarks;

/// <summary>Two associations with data channel managers over an in-memory pipe (no DTLS): SCTP's own cost.</summary>
internal sealed class SctpBenchPair : IAsyncDisposable
{
    private readonly IDatagramTransport _a, _b;
    public SctpAssociation Client { get; }
    public SctpAssociation Server { get; }
    public DataChannel Local { get; }
    public DataChannel Remote { get; }

    private SctpBenchPair(IDatagramTransport a, IDatagramTransport b, SctpAssociation client, SctpAssociation server, DataChannel local, DataChannel remote)
    {
        (_a, _b, Client, Server, Local, Remote) = (a, b, client, server, local, remote);
    }

    public static async Task<SctpBenchPair> CreateAsync(CancellationToken ct)
    {
        var (a, b) = DatagramPipe.Create();
        var serverTask = SctpAssociation.ConnectAsync(b, new SctpOptions { IsClient = false }, ct);
        var client = await SctpAssociation.ConnectAsync(a, new SctpOptions { IsClient = true }, ct);
        var server = await serverTask;
        var clientChannels = new DataChannelManager(client, true);
        var serverChannels = new DataChannelManager(server, false);
        var remote = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        serverChannels.ChannelOpened += c => remote.TrySetResult(c);
        var local = await clientChannels.CreateChannelAsync("bench", null, ct);
        return new SctpBenchPair(a, b, client, server, local, await remote.Task.WaitAsync(ct));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Client.DisposeAsync().AsTask(), Server.DisposeAsync().AsTask());
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }
}

/// <summary>sctp-bulk: 64 MiB over one reliable ordered channel, in 16 KiB and in 64 KiB messages.</summary>
public sealed class SctpBulkBenchmark : IBenchmark
{
    private const long Total = 64L * 1024 * 1024;
    public string Name => "sctp-bulk";
    public string Description => "SCTP data channel bulk transfer, 64 MiB over an in-memory pipe (no DTLS), MB/s";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var size in new[] { 16 * 1024, 64 * 1024 })
        {
            await using var pair = await SctpBenchPair.CreateAsync(cancellationToken);
            var received = 0L;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pair.Remote.MessageReceived += m =>
            {
                if ((received += m.Data.Length) >= Total) done.TrySetResult();
            };
            var message = new byte[size];
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (long sent = 0; sent < Total; sent += size) await pair.Local.SendAsync(message, cancellationToken);
            await done.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
            sw.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var s = pair.Client.Statistics;
            // MB per CPU-second as well: on a shared two-core box wall time mostly measures the neighbours.
            output.WriteLine($"{size / 1024,3} KiB messages: {Total / 1e6 / sw.Elapsed.TotalSeconds,7:F1} MB/s  ({sw.Elapsed.TotalSeconds:F2} s wall, " +
                $"CPU {cpuUsed.TotalSeconds:F2} s = {Total / 1e6 / Math.Max(cpuUsed.TotalSeconds, 1e-3):F0} MB per CPU-second, " +
                $"{s.PacketsSent} packets out, {pair.Server.Statistics.PacketsSent} SACK packets back, {s.Retransmissions} retransmissions)");
        }
    }
}

/// <summary>sctp-pingpong: 2,000 round trips of a 16-byte message; p50/p99 in microseconds.</summary>
public sealed class SctpPingPongBenchmark : IBenchmark
{
    public string Name => "sctp-pingpong";
    public string Description => "SCTP data channel 16-byte round trip over an in-memory pipe (no DTLS), p50/p99 µs";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await using var pair = await SctpBenchPair.CreateAsync(cancellationToken);
        pair.Remote.MessageReceived += m => _ = pair.Remote.SendAsync(m.Data);
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Local.MessageReceived += _ => reply.TrySetResult();
        var payload = new byte[16];
        var samples = new double[2000];
        for (var i = -100; i < samples.Length; i++) // 100 warm-up rounds
        {
            reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = Stopwatch.GetTimestamp();
            await pair.Local.SendAsync(payload, cancellationToken);
            await reply.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            if (i >= 0) samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(samples);
        output.WriteLine($"16-byte round trip: p50 {samples[samples.Length / 2]:F0} µs, p99 {samples[samples.Length * 99 / 100]:F0} µs, max {samples[^1]:F0} µs");
    }
}
