using System.Diagnostics;
using System.Threading.Channels;
using SecureLink.WebRtc.Media;

namespace SecureLink.Calls.Measurement;

/// <summary>
/// Network jitter on the receive side of an audio channel, for measuring a call under jitter on a
/// machine without netem: each received packet is held back by a random delay, uniform in
/// 0..maxExtraMs, without reordering (a packet never overtakes the one before,
/// as on one path). Uniform delays of width a give an RFC 3550 interarrival jitter of about a/3,
/// so 90 ms ≈ 30 ms of jitter. The statistics report the jitter measured on the delayed arrivals
/// (RFC 3550 §6.4.1 estimator), as the channel would see it if the network had added it.
/// </summary>
public sealed class JitteredAudioChannel : IRtpAudioChannel, IAsyncDisposable
{
    private readonly IRtpAudioChannel _inner;
    private readonly Channel<ReceivedRtp> _out = Channel.CreateBounded<ReceivedRtp>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random;
    private readonly double _maxExtraMs;
    private readonly Task _pump;
    private readonly object _gate = new();
    private double _jitter;
    private double? _lastTransit;

    public JitteredAudioChannel(IRtpAudioChannel inner, double maxExtraMs, int seed = 1)
    {
        _inner = inner;
        _maxExtraMs = maxExtraMs;
        _random = new Random(seed);
        _pump = Task.Run(PumpAsync);
    }

    public uint LocalSsrc => _inner.LocalSsrc;
    public int PayloadType => _inner.PayloadType;
    public ChannelReader<ReceivedRtp> Received => _out.Reader;

    /// <summary>RFC 3550 jitter of the delayed stream, in milliseconds.</summary>
    public double MeasuredJitterMs
    {
        get
        {
            lock (_gate) return _jitter;
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, uint timestamp, bool marker, CancellationToken ct) => _inner.SendAsync(payload, timestamp, marker, ct);

    public RtpChannelStatistics GetStatistics() => _inner.GetStatistics() with { JitterMs = MeasuredJitterMs };

    private async Task PumpAsync()
    {
        var lastDue = 0L;
        var pending = new Queue<(long Due, ReceivedRtp Packet)>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                // Take what has arrived, stamp its due time, release what is due.
                while (_inner.Received.TryRead(out var p))
                {
                    var due = Math.Max(lastDue, p.ArrivalTimestamp + (long)(_random.NextDouble() * _maxExtraMs * Stopwatch.Frequency / 1000));
                    lastDue = due;
                    pending.Enqueue((due, p));
                }
                var now = Stopwatch.GetTimestamp();
                while (pending.TryPeek(out var head) && head.Due <= now)
                {
                    pending.Dequeue();
                    Observe(head.Packet, now);
                    _out.Writer.TryWrite(head.Packet with { ArrivalTimestamp = now });
                }
                if (pending.Count == 0) await _inner.Received.WaitToReadAsync(_stop.Token);
                else await Task.Delay(1, _stop.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (ChannelClosedException) { }
        _out.Writer.TryComplete();
    }

    // RFC 3550 §6.4.1: J += (|D| - J) / 16, D the change in transit time between consecutive packets.
    private void Observe(ReceivedRtp packet, long now)
    {
        var transit = now * 1000.0 / Stopwatch.Frequency - packet.Timestamp / 48.0;
        lock (_gate)
        {
            if (_lastTransit is { } last)
            {
                var d = Math.Abs(transit - last);
                if (d < 10_000) _jitter += (d - _jitter) / 16;
            }
            _lastTransit = transit;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _pump; } catch (OperationCanceledException) { }
    }
}
