using SecureLink.WebRtc.Sctp.Association;
using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;

namespace SecureLink.WebRtc.Sctp;

// PR-SCTP sender side (RFC 3758 §3.5): abandon messages whose policy (retransmit count, lifetime) is spent,
// move the Advanced.Peer.Ack.Point over contiguous abandoned TSNs, and tell the peer with FORWARD-TSN.
// The point stops at gap-acked chunks, as usrsctp and dcsctp expect, so a FORWARD-TSN never names an SSN
// the peer may still be holding a whole message for.
public sealed partial class SctpAssociation
{
    /// <summary>PR-SCTP: gives up on the chunk's whole message if its policy says so (only when the peer takes FORWARD-TSN).</summary>
    private bool TryAbandon(OutboundChunk c, long now)
    {
        var m = c.Message;
        if (!_peerForwardTsn || !m.IsPartiallyReliable) return false;
        if (!m.Abandoned)
        {
            var retransmitsUsed = c.TransmitCount - 1;
            if (!(m.MaxRetransmits is { } max && retransmitsUsed >= max) && now < m.ExpiresAtMs) return false;
            m.Abandoned = true;
        }
        foreach (var f in m.Fragments)
        {
            if (f.Acked || f.Abandoned) continue;
            f.Abandoned = true;
            if (f.InFlight)
            {
                f.InFlight = false;
                _flightSize -= f.Length;
            }
            if (f.MarkedForRetransmit)
            {
                f.MarkedForRetransmit = false;
                _retransmitMarked--;
            }
            Interlocked.Add(ref _bufferedBytes, -f.Length);
            m.FragmentDone(f.Length);
        }
        return true;
    }

    // A message past its lifetime is worth nothing to the peer: give it up as soon as a SACK shows it missing,
    // rather than at the next retransmission decision, which after T3 backoff can be seconds away.
    private void AbandonExpired(long now)
    {
        for (var i = 0; i < _outstanding.Count; i++)
        {
            var c = _outstanding[i];
            if (!c.Acked && !c.Abandoned && now >= c.Message.ExpiresAtMs) TryAbandon(c, now);
        }
    }

    private void UpdateAdvancedPeerAckPoint()
    {
        var before = _advancedPeerAckPoint;
        for (var i = 0; i < _outstanding.Count; i++)
        {
            var c = _outstanding[i];
            if (SerialNumber.Lte(c.Tsn, _advancedPeerAckPoint)) continue;
            if (c.Tsn != _advancedPeerAckPoint + 1 || !c.Abandoned) break;
            _advancedPeerAckPoint = c.Tsn;
        }
        if (_advancedPeerAckPoint != before) _forwardTsnNeeded = true;
    }

    private void AddForwardTsn(SctpPacketWriter writer)
    {
        if (!SerialNumber.Gt(_advancedPeerAckPoint, _cumAckPoint))
        {
            _forwardTsnNeeded = false;
            return;
        }
        var streams = new Dictionary<ushort, ushort>();
        for (var i = 0; i < _outstanding.Count; i++)
        {
            var c = _outstanding[i];
            if (SerialNumber.Gt(c.Tsn, _advancedPeerAckPoint)) break;
            if (!c.Message.Unordered) streams[c.Message.StreamId] = c.Message.Ssn;
        }
        var chunk = new ForwardTsnChunk(_advancedPeerAckPoint, streams.Select(kv => new ForwardTsnStream(kv.Key, kv.Value)).ToArray());
        if (!writer.Fits(chunk.PaddedLength)) return;
        writer.Add(chunk);
        if (_log.IsEnabled(Transport.LogLevel.Trace)) _log.Write(Transport.LogLevel.Trace, Category, $"send FORWARD-TSN to {_advancedPeerAckPoint}");
        _forwardTsnNeeded = false;
        Interlocked.Increment(ref Statistics.forwardTsnSent);
    }

}
