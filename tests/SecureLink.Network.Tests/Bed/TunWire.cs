using System.Diagnostics;

namespace SecureLink.Network.Bed;

/// <summary>
/// A point-to-point IP link between two namespaces that runs through this process: one TUN
/// device in each namespace, and a thread per direction that reads a packet from one and writes
/// it to the other after the configured delay, jitter and loss. This kernel has no netem, so this
/// is how the test bed gets a path with a real, measurable delay. Layer 3 only (no ARP).
/// </summary>
public sealed class TunWire : IDisposable
{
    private readonly Tun _a;
    private readonly Tun _b;
    private readonly Thread _ab;
    private readonly Thread _ba;
    private volatile bool _stop;
    private volatile bool _cut;
    private long _forwarded;
    private long _dropped;

    /// <summary>
    /// Makes the wire: interface <paramref name="ifA"/> with <paramref name="addrA"/> in
    /// <paramref name="a"/>, <paramref name="ifB"/> with <paramref name="addrB"/> in <paramref name="b"/>
    /// (plain addresses; each side gets a peer route to the other).
    /// </summary>
    public TunWire(Netns a, string ifA, string addrA, Netns b, string ifB, string addrB, Impairment impairment)
    {
        Impairment = impairment;
        _a = Tun.Create();
        _b = Tun.Create();
        try
        {
            Place(_a, a, ifA, addrA, addrB);
            Place(_b, b, ifB, addrB, addrA);
        }
        catch
        {
            _a.Dispose();
            _b.Dispose();
            throw;
        }
        _ab = new Thread(() => Pump(_a, _b)) { IsBackground = true, Name = "wire " + ifA + ">" + ifB };
        _ba = new Thread(() => Pump(_b, _a)) { IsBackground = true, Name = "wire " + ifB + ">" + ifA };
        _ab.Start();
        _ba.Start();
    }

    public Impairment Impairment { get; set; }

    /// <summary>While true every packet is dropped both ways: the cable is pulled.</summary>
    public bool Cut { get => _cut; set => _cut = value; }

    public long Forwarded => Interlocked.Read(ref _forwarded);
    public long Dropped => Interlocked.Read(ref _dropped);

    private static void Place(Tun tun, Netns ns, string name, string address, string peer)
    {
        Sh.Run("ip", "link", "set", "dev", tun.Name, "netns", ns.Name);
        ns.Ip("link", "set", "dev", tun.Name, "name", name);
        if (address.Contains(':', StringComparison.Ordinal))
        {
            ns.Ip("-6", "addr", "add", address, "peer", peer, "dev", name, "nodad");
        }
        else
        {
            ns.Ip("addr", "add", address, "peer", peer, "dev", name);
        }
        ns.Ip("link", "set", "dev", name, "up");
    }

    private void Pump(Tun from, Tun to)
    {
        // Due time (Stopwatch ticks) → packet; the sequence number keeps equal due times in order.
        var queue = new PriorityQueue<byte[], (long Due, long Seq)>();
        long seq = 0;
        var buffer = new byte[65536];
        while (!_stop)
        {
            var now = Stopwatch.GetTimestamp();
            while (queue.TryPeek(out var ready, out var key) && key.Due <= now)
            {
                queue.Dequeue();
                to.Write(ready, ready.Length);
                Interlocked.Increment(ref _forwarded);
            }
            var waitMs = 50;
            if (queue.TryPeek(out _, out var next))
            {
                var ms = Stopwatch.GetElapsedTime(now, next.Due).TotalMilliseconds;
                if (ms < 1)
                {
                    // Poll counts whole milliseconds: the last fraction is waited out here.
                    if (!from.WaitReadable(0)) { Thread.SpinWait(20); continue; }
                }
                waitMs = (int)Math.Min(50, Math.Floor(ms));
            }
            if (!from.WaitReadable(waitMs)) continue;
            var n = from.Read(buffer);
            if (n <= 0) continue;
            var imp = Impairment;
            if (_cut || (imp.Loss > 0 && Random.Shared.NextDouble() < imp.Loss))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            var delay = imp.Delay.TotalMilliseconds + (imp.Jitter > TimeSpan.Zero ? (Random.Shared.NextDouble() * 2 - 1) * imp.Jitter.TotalMilliseconds : 0);
            var packet = buffer[..n];
            if (delay <= 0)
            {
                to.Write(packet, n);
                Interlocked.Increment(ref _forwarded);
                continue;
            }
            queue.Enqueue(packet, (Stopwatch.GetTimestamp() + (long)(delay * Stopwatch.Frequency / 1000.0), seq++));
        }
    }

    public void Dispose()
    {
        _stop = true;
        _ab.Join(1000);
        _ba.Join(1000);
        _a.Dispose();
        _b.Dispose();
    }
}
