using SecureLink.WebRtc.Sctp.Association;
using SecureLink.WebRtc.Sctp.Chunks;

namespace SecureLink.WebRtc.Sctp;

// Receiving data (RFC 9260 §6.2): TSN bookkeeping, duplicates, our advertised window,
// delayed SACK (every second packet, or at most 200 ms), immediate SACK on gaps and duplicates,
// FORWARD-TSN (RFC 3758 §3.6).
public sealed partial class SctpAssociation
{
    private const int DelayedSackMs = 200;
    private const uint MaxTsnAhead = 1u << 20;
    private readonly ReceivedTsns _received = new();
    private readonly Reassembly _reassembly;
    private bool _sackNow, _sackPending;
    private int _packetsSinceSack;

    private long AdvertisedWindow =>
        Math.Max(0, _options.ReceiveWindow - _reassembly.BufferedBytes - Interlocked.Read(ref _pendingDeliveryBytes));

    private void OnData(DataChunk data)
    {
        Interlocked.Increment(ref Statistics.dataChunksReceived);
        if (_received.Contains(data.Tsn))
        {
            _received.Add(data.Tsn); // records the duplicate for the next SACK
            Interlocked.Increment(ref Statistics.duplicateTsns);
            _sackNow = true;
            return;
        }
        // A TSN far beyond anything a sane window allows is an attack on our bookkeeping, not data.
        if (Packet.SerialNumber.Gt(data.Tsn, _received.Cumulative + MaxTsnAhead))
        {
            Interlocked.Increment(ref Statistics.packetsDropped);
            return;
        }
        // Out of window: drop all but the next in-order TSN (which always fits and keeps us moving); the peer retransmits.
        if (AdvertisedWindow <= 0 && data.Tsn != _received.Cumulative + 1)
        {
            _sackNow = true;
            return;
        }
        if (data.Tsn != _received.Cumulative + 1) _sackNow = true;
        _received.Add(data.Tsn);
        if (data.Immediate) _sackNow = true;
        _reassembly.Add(data);
    }

    private void OnForwardTsn(ForwardTsnChunk fwd)
    {
        _sackNow = true;
        if (_log.IsEnabled(Transport.LogLevel.Trace))
            _log.Write(Transport.LogLevel.Trace, Category, $"FORWARD-TSN to {fwd.NewCumulativeTsn} (cumulative {_received.Cumulative}, {fwd.Streams.Length} streams)");
        if (Packet.SerialNumber.Lte(fwd.NewCumulativeTsn, _received.Cumulative)) return;
        _received.SkipTo(fwd.NewCumulativeTsn);
        _reassembly.Skip(fwd.NewCumulativeTsn, fwd.Streams);
    }

    private void AfterDataPacket()
    {
        _sackPending = true;
        if (_received.HasGaps || ++_packetsSinceSack >= 2) _sackNow = true;
        else if (_sackAt == Off) _sackAt = Environment.TickCount64 + DelayedSackMs;
        PerformDeferredIncomingReset();
    }

    private void AddSack(Packet.SctpPacketWriter writer)
    {
        var window = AdvertisedWindow;
        Volatile.Write(ref _lastAdvertisedWindow, window);
        var sack = _received.BuildSack((uint)window);
        if (!writer.Fits(sack.PaddedLength)) return;
        writer.Add(sack);
        _sackNow = _sackPending = false;
        _sackAt = Off;
        _packetsSinceSack = 0;
    }
}
