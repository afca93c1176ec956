using System.Runtime.InteropServices;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Jitter;

/// <summary>
/// Adaptive jitter buffer for one Opus stream, keyed by RTP sequence number (order, loss) and
/// timestamp (jitter, DTX gaps). The network side calls <see cref="Insert"/>; the playout side calls
/// <see cref="Next"/> once per 20 ms and decodes what it is told. Time is passed in, so tests drive it
/// with a manual clock. Not thread-safe: the caller serialises (one lock or one loop).
///
/// Delay adapts in whole frames: it grows when playout runs dry (a concealed frame is played and the
/// stream waits, adding 20 ms), and shrinks by discarding one frame when more than
/// target + hysteresis is held. Time-stretching would be gentler; dropping a frame is what Opus PLC
/// hides best at the 20 ms scale, and the target moves slowly, so it rarely happens.
/// </summary>
public sealed class JitterBuffer
{
    private readonly JitterBufferOptions _options;
    private readonly SortedDictionary<long, (uint Timestamp, ReadOnlyMemory<byte> Payload, TimeSpan Arrival)> _packets = new();
    private long _highestSeq = -1;          // unrolled
    private long _nextSeq = -1;             // unrolled sequence to play next; -1 before playout starts
    private TimeSpan _firstArrival;
    private bool _haveTransit;
    private double _lastTransitMs;
    private double _jitterMs;
    private const long RestartDistance = 1000; // 20 s of frames behind playout
    private long _received, _duplicates, _late, _lost, _fec, _concealed, _discarded, _resyncs;
    private double _currentDelayMs;
    private double _waitSumMs;
    private long _waitCount;

    /// <summary>Creates a buffer with the given tuning (defaults: 20–200 ms, 3 × jitter).</summary>
    public JitterBuffer(JitterBufferOptions? options = null) => _options = options ?? new JitterBufferOptions();

    /// <summary>Delay the buffer is steering towards: clamp(multiplier × jitter, min, max).</summary>
    public double TargetDelayMs => Math.Clamp(_options.JitterMultiplier * _jitterMs, _options.MinDelayMs, _options.MaxDelayMs);

    /// <summary>A snapshot of the counters.</summary>
    public JitterBufferStats Stats => new(_received, _duplicates, _late, _lost, _fec, _concealed, _discarded,
        _jitterMs, TargetDelayMs, _currentDelayMs, _resyncs)
    { AverageWaitMs = _waitCount == 0 ? 0 : _waitSumMs / _waitCount };

    /// <summary>
    /// Offers one received packet. Returns false (and counts why) for duplicates and packets whose
    /// playout time has passed. <paramref name="payload"/> is kept, so pass memory the caller will not reuse.
    /// </summary>
    public bool Insert(ushort sequenceNumber, uint timestamp, ReadOnlyMemory<byte> payload, TimeSpan arrival)
    {
        var seq = Unroll(sequenceNumber);
        if (_nextSeq >= 0 && seq < _nextSeq - RestartDistance)
        {
            // Far behind what we play: the sender restarted its sequence (or a new source). Start over.
            Restart();
            seq = sequenceNumber;
        }
        UpdateJitter(timestamp, arrival);
        if (_nextSeq >= 0 && seq < _nextSeq) { _late++; return false; }
        if (_packets.ContainsKey(seq)) { _duplicates++; return false; }
        if (_packets.Count >= _options.MaxPackets) { _late++; return false; }
        if (_packets.Count == 0 && _nextSeq < 0) _firstArrival = arrival;
        _packets[seq] = (timestamp, payload, arrival);
        if (seq > _highestSeq) _highestSeq = seq;
        _received++;
        return true;
    }

    /// <summary>The playout decision for the next 20 ms, taken at <paramref name="now"/>.</summary>
    public JitterFrame Next(TimeSpan now)
    {
        if (_nextSeq < 0)
        {
            if (_packets.Count == 0 || (now - _firstArrival).TotalMilliseconds < TargetDelayMs)
            {
                _currentDelayMs = _packets.Count * (double)VoiceFormat.FrameMilliseconds;
                return new JitterFrame(JitterFrameKind.Buffering, default, 0);
            }
            _nextSeq = _packets.Keys.First();
        }
        else if (_packets.Count > 0 && _packets.Keys.First() - _nextSeq > _options.MaxGapFrames)
        {
            // A jump far ahead (sender skipped sequence numbers): conceal frame by frame would take
            // as long as the gap, so play on from the first packet we have.
            _resyncs++;
            _nextSeq = _packets.Keys.First();
        }

        // Shrink: more audio held than the target needs → discard the oldest frame once.
        var heldMs = HeldMs();
        if (heldMs > TargetDelayMs + _options.ShrinkHysteresisMs && _packets.Remove(_nextSeq, out var dropped))
        {
            Zero(dropped.Payload);
            _discarded++;
            _nextSeq++;
            heldMs -= VoiceFormat.FrameMilliseconds;
        }
        _currentDelayMs = heldMs;

        var seq16 = (ushort)_nextSeq;
        if (_packets.Remove(_nextSeq, out var packet))
        {
            _nextSeq++;
            _waitSumMs += Math.Max(0, (now - packet.Arrival).TotalMilliseconds);
            _waitCount++;
            return new JitterFrame(JitterFrameKind.Packet, packet.Payload, seq16);
        }
        if (_highestSeq > _nextSeq)
        {
            // A later packet is here, so this one is lost (or too late to wait for).
            _lost++;
            _nextSeq++;
            if (_packets.TryGetValue(_nextSeq, out var next))
            {
                _fec++;
                return new JitterFrame(JitterFrameKind.Fec, next.Payload, seq16);
            }
            _concealed++;
            return new JitterFrame(JitterFrameKind.Conceal, default, seq16);
        }
        // Ran dry: conceal and wait for this same packet, which grows the delay by one frame.
        _concealed++;
        return new JitterFrame(JitterFrameKind.Conceal, default, seq16);
    }

    /// <summary>Frames counted as lost so far (cheaper than <see cref="Stats"/> once per frame).</summary>
    internal long LostCount => _lost;

    /// <summary>
    /// Drops every held packet, zeroing payload arrays it can reach (the end of a call: nothing
    /// of the peer's voice should linger in memory), and starts over as if new.
    /// </summary>
    public void Clear() => Restart();

    // Peer audio is zeroed as soon as the buffer lets go of it, so none lingers until a GC.
    private static void Zero(ReadOnlyMemory<byte> payload)
    {
        if (MemoryMarshal.TryGetArray(payload, out var segment)) segment.AsSpan().Clear();
    }

    private void Restart()
    {
        foreach (var (_, packet) in _packets) Zero(packet.Payload);
        _packets.Clear();
        _highestSeq = -1;
        _nextSeq = -1;
        _haveTransit = false;
        _resyncs++;
    }

    private double HeldMs() => _packets.Count == 0 ? 0 : (_highestSeq - _nextSeq + 1) * (double)VoiceFormat.FrameMilliseconds;

    private long Unroll(ushort seq)
    {
        if (_highestSeq < 0) return seq;
        var delta = (short)(seq - (ushort)_highestSeq);
        return _highestSeq + delta;
    }

    // RFC 3550 §6.4.1: J += (|D| − J) / 16 with D the change in transit time, here in milliseconds.
    private void UpdateJitter(uint timestamp, TimeSpan arrival)
    {
        var transit = arrival.TotalMilliseconds - timestamp / (VoiceFormat.SampleRate / 1000.0);
        if (_haveTransit)
        {
            var d = transit - _lastTransitMs;
            // A timestamp wrap (every 24.8 h at 48 kHz) shows as a huge jump; ignore that one sample.
            if (Math.Abs(d) < 10_000) _jitterMs += (Math.Abs(d) - _jitterMs) / 16;
        }
        _lastTransitMs = transit;
        _haveTransit = true;
    }
}
