using SecureLink.WebRtc.Rtcp;

namespace SecureLink.WebRtc.Media;

/// <summary>
/// What we know about the peer's stream and about how the peer sees ours, shared by the receive
/// loop (which writes it per packet) and the RTCP reporter (which reads it once a second). One
/// lock guards it; every member is cheap.
/// </summary>
internal sealed class ReceptionState
{
    private readonly Lock _gate = new();
    private RtpReceiverStatistics? _remote;
    private long _packets, _bytes, _dropped, _queueOverflows;
    private double _localLossPercent;
    private bool _bye;
    private double? _remoteLossPercent, _roundTripMs;

    /// <summary>The latched SSRC of the peer's stream, or null before its first authenticated packet.</summary>
    public uint? RemoteSsrc { get { lock (_gate) return _remote?.Ssrc; } }

    /// <summary>
    /// Latches <paramref name="ssrc"/> if nothing is latched yet. True when the packet belongs to
    /// the latched stream and was counted; false for another SSRC (counted as dropped).
    /// </summary>
    public bool OnPacket(uint ssrc, ushort sequence, uint timestamp, TimeSpan arrival, int wireBytes)
    {
        lock (_gate)
        {
            _remote ??= new RtpReceiverStatistics(ssrc, AudioStreamSettings.ClockRate);
            if (_remote.Ssrc != ssrc)
            {
                _dropped++;
                return false;
            }
            _remote.OnPacket(sequence, timestamp, arrival);
            _packets++;
            _bytes += wireBytes;
            return true;
        }
    }

    /// <summary>True once the peer said BYE for its latched stream.</summary>
    public bool ByeReceived { get { lock (_gate) return _bye; } }

    public void OnBye(IReadOnlyList<uint> ssrcs)
    {
        lock (_gate)
        {
            if (_remote is not null && ssrcs.Contains(_remote.Ssrc)) _bye = true;
        }
    }

    public void CountDropped() { lock (_gate) _dropped++; }

    public void CountQueueOverflow() { lock (_gate) _queueOverflows++; }

    /// <summary>An authenticated RTCP datagram (counted in bytes received).</summary>
    public void OnRtcp(int wireBytes) { lock (_gate) _bytes += wireBytes; }

    /// <summary>An SR from the latched source: kept for LSR/DLSR in our next report block.</summary>
    public void OnSenderReport(uint ssrc, ulong ntp, TimeSpan arrival)
    {
        lock (_gate)
        {
            if (_remote?.Ssrc == ssrc) _remote.OnSenderReport(ntp, arrival);
        }
    }

    /// <summary>A report block about our stream: the peer's view of loss, and our RTT.</summary>
    public void OnReportAboutUs(RtcpReportBlock block, ulong arrivalNtp)
    {
        lock (_gate)
        {
            _remoteLossPercent = block.FractionLostRatio * 100;
            if (RtcpRoundTrip.Compute(arrivalNtp, block) is { } rtt) _roundTripMs = rtt.TotalMilliseconds;
        }
    }

    /// <summary>Our report block about the peer's stream (null before it sent anything); starts the next loss interval.</summary>
    public RtcpReportBlock? CreateReportBlock(TimeSpan now)
    {
        lock (_gate)
        {
            if (_remote is null || _remote.PacketsReceived == 0) return null;
            var block = _remote.CreateReportBlock(now);
            _localLossPercent = block.FractionLostRatio * 100;
            return block;
        }
    }

    public RtpChannelStatistics Snapshot(SenderSnapshot sent, long srtpMalformed, long srtpUnauthenticated, long srtpReplays)
    {
        lock (_gate)
        {
            return new RtpChannelStatistics(
                sent.Packets, sent.Bytes, _packets, _bytes, Math.Max(0, _remote?.CumulativeLost ?? 0),
                _localLossPercent, _remoteLossPercent, _remote?.JitterTime.TotalMilliseconds ?? 0, _roundTripMs,
                _dropped + srtpMalformed + srtpUnauthenticated + srtpReplays)
            {
                ReceiveQueueOverflows = _queueOverflows,
                RemoteSsrc = _remote?.Ssrc,
                DroppedUnauthenticated = srtpUnauthenticated,
                DroppedReplays = srtpReplays,
            };
        }
    }
}
