namespace SecureLink.WebRtc.Rtcp;

/// <summary>
/// What a receiver keeps about one source to fill a report block: the sequence bookkeeping of
/// RFC 3550 §A.1 (cycles, restart after a large jump seen twice), loss per §A.3 and interarrival
/// jitter per §A.8, and the LSR/DLSR pair from the source's last SR. One per remote SSRC; not
/// thread-safe. Arrival times are any monotonic clock (e.g. Stopwatch), as a TimeSpan.
/// </summary>
public sealed class RtpReceiverStatistics
{
    private const int MaxDropout = 3000, MaxMisorder = 100;

    private readonly int _clockRate;
    private bool _started;
    private ushort _maxSeq;
    private uint _cycles, _baseSeq;
    private int _badSeq = -1;
    private long _received, _expectedPrior, _receivedPrior;
    private double _jitter, _lastTransit;
    private bool _haveTransit;
    private uint _lastSr;
    private TimeSpan _lastSrArrival;

    public RtpReceiverStatistics(uint ssrc, int clockRate)
    {
        if (clockRate <= 0) throw new ArgumentOutOfRangeException(nameof(clockRate));
        Ssrc = ssrc;
        _clockRate = clockRate;
    }

    public uint Ssrc { get; }
    public long PacketsReceived => _received;

    /// <summary>Cycles in the high 16 bits, highest sequence number in the low 16 (§A.3).</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSeq;

    public long Expected => _started ? (long)ExtendedHighestSequence - _baseSeq + 1 : 0;

    /// <summary>Expected minus received; negative with duplicates.</summary>
    public long CumulativeLost => Expected - _received;

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public double Jitter => _jitter;

    public TimeSpan JitterTime => TimeSpan.FromSeconds(_jitter / _clockRate);

    /// <summary>
    /// Accounts one packet. False when it is ignored: the first of a large jump in sequence,
    /// which §A.1 only believes (and restarts on) when the next packet follows it.
    /// </summary>
    public bool OnPacket(ushort sequence, uint rtpTimestamp, TimeSpan arrival)
    {
        if (!_started)
        {
            Restart(sequence);
        }
        else
        {
            var delta = (ushort)(sequence - _maxSeq);
            if (delta < MaxDropout)
            {
                if (sequence < _maxSeq) _cycles += 1u << 16;
                _maxSeq = sequence;
            }
            else if (delta <= 65536 - MaxMisorder)
            {
                if (sequence != _badSeq)
                {
                    _badSeq = (sequence + 1) & 0xFFFF;
                    return false;
                }
                Restart(sequence); // two in a row: the source restarted
            }
            // else: a duplicate or a packet a little out of order; counted below.
        }
        _received++;
        UpdateJitter(rtpTimestamp, arrival);
        return true;
    }

    private void Restart(ushort sequence)
    {
        _started = true;
        _baseSeq = sequence;
        _maxSeq = sequence;
        _cycles = 0;
        _badSeq = -1;
        _received = 0;
        _expectedPrior = 0;
        _receivedPrior = 0;
        _haveTransit = false;
    }

    private void UpdateJitter(uint rtpTimestamp, TimeSpan arrival)
    {
        // Transit in timestamp units; only differences matter, so the clock offsets cancel.
        var arrivalUnits = arrival.TotalSeconds * _clockRate;
        var transit = arrivalUnits - rtpTimestamp;
        if (_haveTransit)
        {
            var d = transit - _lastTransit;
            // The timestamp may wrap between packets: fold the difference into ±2^31.
            if (d > 2147483648.0) d -= 4294967296.0;
            else if (d < -2147483648.0) d += 4294967296.0;
            _jitter += (Math.Abs(d) - _jitter) / 16;
        }
        _lastTransit = transit;
        _haveTransit = true;
    }

    /// <summary>Remembers an SR from this source for the next report's LSR and DLSR.</summary>
    public void OnSenderReport(ulong ntpTimestamp, TimeSpan arrival)
    {
        _lastSr = NtpTimestamp.Middle32(ntpTimestamp);
        _lastSrArrival = arrival;
    }

    /// <summary>
    /// A report block as of <paramref name="now"/> (same clock as arrivals); starts the next
    /// interval for the fraction lost (§A.3).
    /// </summary>
    public RtcpReportBlock CreateReportBlock(TimeSpan now)
    {
        var expected = Expected;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        var fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        var cumulative = (int)Math.Clamp(CumulativeLost, RtcpReportBlock.MinCumulativeLost, RtcpReportBlock.MaxCumulativeLost);
        var dlsr = _lastSr == 0 ? 0 : NtpTimestamp.ToShortUnits(now - _lastSrArrival);
        return new RtcpReportBlock(Ssrc, (byte)fraction, cumulative, ExtendedHighestSequence,
            (uint)Math.Min(uint.MaxValue, _jitter), _lastSr, dlsr);
    }
}
