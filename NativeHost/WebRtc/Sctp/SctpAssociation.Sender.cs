using SecureLink.WebRtc.Sctp.Association;
using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;

namespace SecureLink.WebRtc.Sctp;

// Sending data reliably (RFC 9260 §6, §7): TSN assignment, bundling up to the MTU, SACK processing,
// T3-rtx and fast retransmit, congestion control (cwnd/ssthresh/partial_bytes_acked), the peer's
// window. PR-SCTP abandonment and FORWARD-TSN live in SctpAssociation.PartialReliability.cs.
public sealed partial class SctpAssociation
{
    private readonly int _mtu;
    private readonly byte[] _sendBuffer;
    private readonly RtoEstimator _rto;
    private readonly SendQueue _pending = new();
    private readonly ChunkRing _outstanding = new();
    private readonly Dictionary<ushort, ushort> _outgoingSsn = [];
    private readonly Dictionary<ushort, int> _pendingPerStream = [];
    private TaskCompletionSource _spaceSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bufferedBytes;
    private uint _nextTsn, _cumAckPoint, _advancedPeerAckPoint;
    private long _cwnd, _ssthresh, _partialBytesAcked, _flightSize, _peerRwnd;
    private bool _inFastRecovery, _fastRetransmitBypass, _forwardTsnNeeded, _rttMeasuring;
    private uint _recoveryPoint, _rttTsn;
    private long _rttSentAt;
    private int _retransmitMarked, _t3Strikes, _timedOutstanding;

    /// <summary>A racy one-line view of the sender (diagnostics and benchmarks only).</summary>
    internal string DebugSnapshot => $"cwnd={_cwnd} ssthresh={_ssthresh} flight={_flightSize} peerRwnd={_peerRwnd} pending={_pending.Count} outstanding={_outstanding.Count} buffered={Interlocked.Read(ref _bufferedBytes)} rtx={_retransmitMarked} t3={(_t3At == Off ? -1 : _t3At - Environment.TickCount64)} sack={(_sackAt == Off ? -1 : _sackAt - Environment.TickCount64)} rto={_rto.RtoMs:F0} cumAck={_cumAckPoint} adv={_advancedPeerAckPoint} peerCum={_received.Cumulative} head={(_outstanding.Count > 0 ? $"{_outstanding[0].Tsn}/acked={_outstanding[0].Acked}/ab={_outstanding[0].Abandoned}/pr={_outstanding[0].Message.IsPartiallyReliable}/tx={_outstanding[0].TransmitCount}/ppid={_outstanding[0].Message.Ppid}" : "-")}";

    private int MaxPayloadPerChunk => (_mtu - SctpPacket.HeaderLength - DataChunk.HeaderLength) & ~3;
    private long InitialCwnd => Math.Min(4L * _mtu, Math.Max(2L * _mtu, 4380));
    private bool CanSendData => _state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownReceived;

    private void EnqueueMessage(OutboundMessage m)
    {
        if (_finished || _state is not (SctpAssociationState.Established or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed))
        {
            Interlocked.Add(ref _bufferedBytes, -m.Length);
            foreach (var f in m.Fragments) m.FragmentDone(f.Length);
            return;
        }
        if (!m.Unordered)
        {
            _outgoingSsn.TryGetValue(m.StreamId, out var ssn);
            m.Ssn = ssn;
            _outgoingSsn[m.StreamId] = (ushort)(ssn + 1);
        }
        foreach (var f in m.Fragments) _pending.Enqueue(f);
        _pendingPerStream[m.StreamId] = _pendingPerStream.GetValueOrDefault(m.StreamId) + m.Fragments.Count;
    }

    private async ValueTask TransmitAsync()
    {
        TryStartReset();
        var now = Environment.TickCount64;
        while (true)
        {
            var writer = new SctpPacketWriter(_sendBuffer);
            writer.Begin(_options.LocalPort, _options.RemotePort, _peerTag);
            var wantData = CanSendData && (_retransmitMarked > 0 || (_pending.Count > 0 && _flightSize < _cwnd));
            if (_sackNow || (_sackPending && wantData)) AddSack(writer);
            while (_control.Count > 0)
            {
                var c = _control[0];
                if (!writer.Fits(c.PaddedLength))
                {
                    if (!writer.HasChunks) _control.RemoveAt(0); // can never fit: drop rather than loop
                    break;
                }
                writer.Add(c);
                _control.RemoveAt(0);
            }
            if (_forwardTsnNeeded && CanSendOrDrain) AddForwardTsn(writer);
            if (CanSendOrDrain)
            {
                if (_retransmitMarked > 0) AddRetransmissions(writer, now);
                if (_retransmitMarked == 0 && CanSendData) AddNewData(writer, now);
            }
            if (!writer.HasChunks) break;
            await SendPacketAsync(writer).ConfigureAwait(false);
            if (_finished) return;
        }
        if (_t3At == Off && (_flightSize > 0 || _retransmitMarked > 0 || SerialNumber.Gt(_advancedPeerAckPoint, _cumAckPoint)))
            _t3At = RtoDeadline(now);
    }

    // Retransmissions continue while the peer shuts down and while we do.
    private bool CanSendOrDrain => CanSendData || _state is SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent;

    private void AddRetransmissions(SctpPacketWriter writer, long now)
    {
        for (var i = 0; i < _outstanding.Count && _retransmitMarked > 0; i++)
        {
            var c = _outstanding[i];
            if (!c.MarkedForRetransmit) continue;
            if (_flightSize >= _cwnd && !_fastRetransmitBypass) break;
            var padded = Chunk.Pad(DataChunk.HeaderLength + c.Length);
            if (!writer.Fits(padded)) break;
            WriteDataChunk(writer, c);
            c.MarkedForRetransmit = false;
            _retransmitMarked--;
            c.TransmitCount++;
            c.SentAtMs = now;
            c.InFlight = true;
            _flightSize += c.Length;
            Interlocked.Increment(ref Statistics.retransmissions);
        }
        _fastRetransmitBypass = false;
    }

    private void AddNewData(SctpPacketWriter writer, long now)
    {
        while (_pending.Count > 0)
        {
            var c = _pending.Peek();
            if (c.Abandoned)
            {
                _pending.Dequeue();
                DecrementPendingOnStream(c.Message.StreamId);
                continue;
            }
            if (_flightSize >= _cwnd) break;
            if (_peerRwnd < c.Length && _flightSize > 0) break;
            if (!writer.Fits(Chunk.Pad(DataChunk.HeaderLength + c.Length))) break;
            _pending.Dequeue();
            DecrementPendingOnStream(c.Message.StreamId);
            c.Tsn = _nextTsn++;
            WriteDataChunk(writer, c);
            c.TransmitCount = 1;
            c.SentAtMs = now;
            c.InFlight = true;
            _outstanding.Add(c);
            if (c.Message.ExpiresAtMs != long.MaxValue) _timedOutstanding++;
            _flightSize += c.Length;
            _peerRwnd = Math.Max(0, _peerRwnd - c.Length);
            if (!_rttMeasuring)
            {
                _rttMeasuring = true;
                _rttTsn = c.Tsn;
                _rttSentAt = now;
            }
        }
    }

    private void DecrementPendingOnStream(ushort streamId)
    {
        var left = _pendingPerStream[streamId] - 1;
        if (left == 0) _pendingPerStream.Remove(streamId);
        else _pendingPerStream[streamId] = left;
    }

    private void WriteDataChunk(SctpPacketWriter writer, OutboundChunk c)
    {
        var m = c.Message;
        var flags = DataChunk.MakeFlags(c.Beginning, c.Ending, m.Unordered);
        writer.Advance(DataChunk.Write(writer.Tail, flags, c.Tsn, m.StreamId, m.Ssn, m.Ppid, c.Payload));
        Interlocked.Increment(ref Statistics.dataChunksSent);
    }

    private void OnSack(SackChunk sack)
    {
        var now = Environment.TickCount64;
        var cum = sack.CumulativeTsnAck;
        if (SerialNumber.Lt(cum, _cumAckPoint)) return; // an old SACK overtaken by a newer one (§6.2.1)
        if (SerialNumber.Gte(cum, _nextTsn)) return;   // acks what we never sent: ignore
        var flightBefore = _flightSize;
        var cumAdvanced = AdvanceCumulativeAck(cum, now, out var bytesAcked, out var highestNewlyAcked);
        foreach (var block in sack.GapAckBlocks)
        {
            if (block.End < block.Start) continue;
            for (int off = block.Start; off <= block.End; off++)
            {
                var c = _outstanding.Find(cum + (uint)off);
                if (c is null) break;
                if (c.Acked || c.Abandoned) continue;
                AckChunk(c, now, ref bytesAcked);
                if (SerialNumber.Gt(c.Tsn, highestNewlyAcked)) highestNewlyAcked = c.Tsn;
            }
        }
        if (sack.GapAckBlocks.Length > 0) CountMissIndications(highestNewlyAcked);
        if (cumAdvanced)
        {
            _t3Strikes = 0;
            if (_inFastRecovery && SerialNumber.Gte(cum, _recoveryPoint)) _inFastRecovery = false;
            if (!_inFastRecovery) GrowCongestionWindow(bytesAcked, flightBefore);
        }
        _peerRwnd = Math.Max(0, sack.AdvertisedReceiverWindow - _flightSize);
        if (_flightSize == 0 && _retransmitMarked == 0) _t3At = Off;
        else if (cumAdvanced) _t3At = RtoDeadline(now);
        if (_peerForwardTsn && _timedOutstanding > 0) AbandonExpired(now);
        if (_peerForwardTsn) UpdateAdvancedPeerAckPoint();
        // RFC 3758 §3.5 C3: a SACK that stops short of the Advanced.Peer.Ack.Point means our FORWARD-TSN was lost.
        if (SerialNumber.Gt(_advancedPeerAckPoint, _cumAckPoint)) _forwardTsnNeeded = true;
        SignalSpace();
        CheckShutdownProgress();
    }

    /// <summary>Removes every chunk up to <paramref name="cum"/> from the outstanding ring.</summary>
    private bool AdvanceCumulativeAck(uint cum, long now, out long bytesAcked, out uint highestNewlyAcked)
    {
        bytesAcked = 0;
        highestNewlyAcked = cum;
        var advanced = false;
        while (_outstanding.Count > 0 && SerialNumber.Lte(_outstanding.FirstTsn, cum))
        {
            var c = _outstanding.RemoveFirst();
            if (c.Message.ExpiresAtMs != long.MaxValue) _timedOutstanding--;
            if (!c.Acked && !c.Abandoned) AckChunk(c, now, ref bytesAcked);
            advanced = true;
        }
        if (SerialNumber.Gt(cum, _cumAckPoint) || advanced) _cumAckPoint = cum;
        if (SerialNumber.Lt(_advancedPeerAckPoint, _cumAckPoint)) _advancedPeerAckPoint = _cumAckPoint;
        return advanced;
    }

    private void AckChunk(OutboundChunk c, long now, ref long bytesAcked)
    {
        c.Acked = true;
        if (c.InFlight)
        {
            c.InFlight = false;
            _flightSize -= c.Length;
        }
        if (c.MarkedForRetransmit)
        {
            c.MarkedForRetransmit = false;
            _retransmitMarked--;
        }
        bytesAcked += c.Length;
        Interlocked.Add(ref _bufferedBytes, -c.Length);
        c.Message.FragmentDone(c.Length);
        // Karn's rule: only a chunk sent once gives an RTT sample.
        if (_rttMeasuring && c.Tsn == _rttTsn)
        {
            _rttMeasuring = false;
            if (c.TransmitCount == 1) _rto.AddSample(Math.Max(0, now - _rttSentAt));
        }
    }

    // §7.2.4 with the HTNA rule: a TSN below the highest newly acked TSN that is still missing gets a miss
    // indication; the third one triggers one fast retransmit.
    private void CountMissIndications(uint highestNewlyAcked)
    {
        var marked = false;
        for (var i = 0; i < _outstanding.Count; i++)
        {
            var c = _outstanding[i];
            if (!SerialNumber.Lt(c.Tsn, highestNewlyAcked)) break;
            if (c.Acked || c.Abandoned || c.MarkedForRetransmit || c.FastRetransmitted) continue;
            if (++c.MissIndications < 3) continue;
            if (TryAbandon(c, Environment.TickCount64)) continue;
            c.FastRetransmitted = true;
            MarkForRetransmit(c);
            marked = true;
        }
        if (!marked) return;
        Interlocked.Increment(ref Statistics.fastRetransmits);
        _fastRetransmitBypass = true;
        if (!_inFastRecovery)
        {
            _inFastRecovery = true;
            _recoveryPoint = _nextTsn - 1;
            _ssthresh = Math.Max(_cwnd / 2, 4L * _mtu);
            _cwnd = _ssthresh;
            _partialBytesAcked = 0;
        }
        _rttMeasuring = false;
    }

    private void MarkForRetransmit(OutboundChunk c)
    {
        if (c.InFlight)
        {
            c.InFlight = false;
            _flightSize -= c.Length;
        }
        if (!c.MarkedForRetransmit)
        {
            c.MarkedForRetransmit = true;
            _retransmitMarked++;
        }
    }

    private void GrowCongestionWindow(long bytesAcked, long flightBefore)
    {
        // Grow only when the window was actually in use (§7.2.1): an idle sender learns nothing.
        var windowFull = flightBefore + _mtu >= _cwnd;
        if (_cwnd <= _ssthresh)
        {
            if (windowFull) _cwnd += Math.Min(bytesAcked, _mtu);
            return;
        }
        _partialBytesAcked += bytesAcked;
        if (_partialBytesAcked >= _cwnd && windowFull)
        {
            _partialBytesAcked -= _cwnd;
            _cwnd += _mtu;
        }
    }

    private void OnT3Expired(long now)
    {
        _t3At = Off;
        if (_outstanding.Count == 0) return;
        Interlocked.Increment(ref Statistics.t3Expiries);
        if (_log.IsEnabled(Transport.LogLevel.Trace))
            _log.Write(Transport.LogLevel.Trace, Category, $"T3-rtx expired (rto {_rto.RtoMs:F0} ms, cum {_cumAckPoint}, adv {_advancedPeerAckPoint}, outstanding {_outstanding.Count})");
        if (++_t3Strikes > _options.MaxAssociationRetransmits)
        {
            _immediate.Add((_peerTag, new AbortChunk([new ErrorCause(ErrorCause.UserInitiatedAbort, [])])));
            Finish("timeout");
            return;
        }
        _ssthresh = Math.Max(_cwnd / 2, 4L * _mtu);
        _cwnd = _mtu;
        _partialBytesAcked = 0;
        _inFastRecovery = false;
        _rttMeasuring = false;
        _rto.BackOff();
        for (var i = 0; i < _outstanding.Count; i++)
        {
            var c = _outstanding[i];
            if (c.Acked || c.Abandoned) continue;
            if (!TryAbandon(c, now)) MarkForRetransmit(c);
        }
        if (_peerForwardTsn) UpdateAdvancedPeerAckPoint();
        if (SerialNumber.Gt(_advancedPeerAckPoint, _cumAckPoint)) _forwardTsnNeeded = true;
        _t3At = RtoDeadline(now);
    }

    private void SignalSpace()
    {
        if (Interlocked.Read(ref _bufferedBytes) > _options.SendBufferHighWater) return;
        var old = _spaceSignal;
        if (!old.Task.IsCompleted && Volatile.Read(ref _closedReason) is null)
        {
            Volatile.Write(ref _spaceSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            old.TrySetResult();
        }
    }
}
