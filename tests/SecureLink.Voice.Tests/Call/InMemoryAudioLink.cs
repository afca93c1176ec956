using System.Diagnostics;
using System.Threading.Channels;
using SecureLink.WebRtc.Media;

namespace SecureLink.Voice.Tests.Call;

/// <summary>What the simulated network does to one direction.</summary>
internal sealed record Impairment
{
    internal double LossPercent { get; init; }
    internal double DuplicatePercent { get; init; }
    internal double DelayMs { get; init; } = 10;
    /// <summary>Extra delay drawn uniformly from 0..JitterMs per packet (reorders when it exceeds 20 ms).</summary>
    internal double JitterMs { get; init; }
    /// <summary>Rewrites a packet in flight (garbage payloads, bad timestamps); null = untouched.</summary>
    internal Func<ReceivedRtp, ReceivedRtp>? Tamper { get; init; }
}

/// <summary>
/// A test double of the lower layer: two <see cref="IRtpAudioChannel"/> ends joined by a simulated
/// network with loss, duplicates and jitter, delivered on time by one thread per direction. It
/// stands in for SRTP/RTCP in engine unit tests; the real channel is tested over UDP elsewhere.
/// RTCP-like figures: RoundTripMs = 2 × delay, RemoteLossPercent = the loss the far end observed
/// in our stream over the last second.
/// </summary>
internal sealed class InMemoryAudioLink : IAsyncDisposable
{
    internal InMemoryAudioLink(Impairment aToB, Impairment bToA, int seed = 1)
    {
        A = new End(0x1111_0000, aToB, seed);
        B = new End(0x2222_0000, bToA, seed + 1);
        A.Peer = B;
        B.Peer = A;
    }

    internal End A { get; }
    internal End B { get; }

    public ValueTask DisposeAsync()
    {
        A.Dispose();
        B.Dispose();
        return ValueTask.CompletedTask;
    }

    internal sealed class End : IRtpAudioChannel, IDisposable
    {
        private readonly Impairment _impairment;
        private readonly Random _rng;
        private readonly Channel<ReceivedRtp> _received =
            Channel.CreateBounded<ReceivedRtp>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        private readonly PriorityQueue<ReceivedRtp, long> _inFlight = new();
        private readonly Thread _delivery;
        private readonly object _gate = new(); // Monitor: the delivery thread waits on it
        private bool _disposed;
        private ushort _seq;
        private long _sent, _delivered, _bytesSent;
        private long _windowSent, _windowDropped, _windowStart = Stopwatch.GetTimestamp();
        private double? _lossSeenByPeer;

        internal End(uint ssrc, Impairment impairment, int seed)
        {
            LocalSsrc = ssrc;
            _impairment = impairment;
            _rng = new Random(seed);
            _seq = (ushort)_rng.Next(65536);
            _delivery = new Thread(Deliver) { IsBackground = true, Name = "in-memory link" };
            _delivery.Start();
        }

        internal End? Peer { get; set; }

        private readonly List<(uint Timestamp, bool Marker, int Length)> _sentLog = [];

        /// <summary>Every packet we sent, in order (timestamp, marker, payload length).</summary>
        internal List<(uint Timestamp, bool Marker, int Length)> SentLog()
        {
            lock (_gate) return [.. _sentLog];
        }

        public uint LocalSsrc { get; }
        public int PayloadType => 111;
        public ChannelReader<ReceivedRtp> Received => _received.Reader;

        public ValueTask SendAsync(ReadOnlyMemory<byte> payload, uint timestamp, bool marker, CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var peer = Peer!;
            lock (_gate)
            {
                _sentLog.Add((timestamp, marker, payload.Length));
                _sent++;
                _windowSent++;
                _bytesSent += payload.Length + 12;
                var seq = _seq++;
                UpdateWindow();
                if (_rng.NextDouble() * 100 < _impairment.LossPercent) { _windowDropped++; UpdateWindow(); return ValueTask.CompletedTask; }
                var copies = _rng.NextDouble() * 100 < _impairment.DuplicatePercent ? 2 : 1;
                for (var i = 0; i < copies; i++)
                {
                    var delay = _impairment.DelayMs + _rng.NextDouble() * _impairment.JitterMs + i * 3;
                    var due = Stopwatch.GetTimestamp() + (long)(delay * Stopwatch.Frequency / 1000);
                    var rtp = new ReceivedRtp(LocalSsrc, seq, timestamp, marker, payload.ToArray(), 0);
                    if (_impairment.Tamper is { } t) rtp = t(rtp);
                    _inFlight.Enqueue(rtp, due);
                }
                Monitor.PulseAll(_gate);
            }
            return ValueTask.CompletedTask;
        }

        /// <summary>Puts a packet straight into this end's receive queue (as if it had arrived now).</summary>
        internal void Inject(ReceivedRtp rtp) =>
            _received.Writer.TryWrite(rtp with { ArrivalTimestamp = Stopwatch.GetTimestamp() });

        private void Deliver()
        {
            lock (_gate)
            {
                while (!_disposed)
                {
                    if (!_inFlight.TryPeek(out var rtp, out var due)) { Monitor.Wait(_gate, 50); continue; }
                    var wait = due - Stopwatch.GetTimestamp();
                    if (wait > 0) { Monitor.Wait(_gate, TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)); continue; }
                    _inFlight.Dequeue();
                    _delivered++;
                    Peer!.Inject(rtp);
                }
            }
        }

        // What the peer would put in its receiver report about our stream: loss over the last second.
        private void UpdateWindow()
        {
            if (Stopwatch.GetElapsedTime(_windowStart) < TimeSpan.FromSeconds(1) || _windowSent == 0) return;
            _lossSeenByPeer = 100.0 * _windowDropped / _windowSent;
            _windowSent = _windowDropped = 0;
            _windowStart = Stopwatch.GetTimestamp();
        }

        public RtpChannelStatistics GetStatistics()
        {
            lock (_gate)
                return new RtpChannelStatistics(_sent, _bytesSent, Peer!._delivered, 0, 0, 0, _lossSeenByPeer, 0,
                    2 * _impairment.DelayMs + _impairment.JitterMs, 0);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                Monitor.PulseAll(_gate);
            }
            _delivery.Join();
        }
    }
}
