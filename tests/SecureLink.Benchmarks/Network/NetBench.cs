using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SecureLink.Benchmarks.Host;
using SecureLink.Network.Bed;

namespace SecureLink.Benchmarks.Network;

/// <summary>What the network benchmarks share: the isolation check, a path's own one-way delay, rows of percentiles.</summary>
internal static class NetBench
{
    public static string? NotRunnable() =>
        Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1"
            ? "skipped: builds namespaces, so it runs only inside tests/tools/isolated.sh (bench.sh does that)"
            : Environment.UserName != "root" ? "skipped: needs root (ip netns, nft, tcpdump)" : null;

    /// <summary>
    /// The reference: one-way delay of plain UDP datagrams from <paramref name="from"/> to
    /// <paramref name="target"/> in <paramref name="to"/> over the same path, both sockets in this
    /// process so one clock stamps send and receipt.
    /// </summary>
    public static async Task<List<double>> UdpOneWayAsync(Netns from, Netns to, IPEndPoint target, int count, CancellationToken ct)
    {
        using var rx = NetnsSocket.Udp(to, target);
        using var tx = NetnsSocket.Udp(from, new IPEndPoint(target.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0));
        var samples = new List<double>();
        var buffer = new byte[64];
        for (var i = 0; i < count; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            await tx.SendToAsync(BitConverter.GetBytes(i), target, ct);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var r = await rx.ReceiveAsync(buffer, wait.Token);
                    if (r == 4 && BitConverter.ToInt32(buffer) == i) break;
                }
                samples.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // lost on an impaired path: no sample
            }
            await Task.Delay(20, ct);
        }
        return samples;
    }

    public static string Ms(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    public static string P50P95(IReadOnlyList<double> v) => $"p50 {Ms(Stats.Median(v))} ms, p95 {Ms(Stats.Percentile(v, 95))} ms (n={v.Count})";
}
