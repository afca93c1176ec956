using SecureLink.WebRtc.Sctp.Chunks;

namespace SecureLink.WebRtc.Sctp;

// Graceful close (RFC 9260 §9.2): wait for our data to be acknowledged, SHUTDOWN / SHUTDOWN-ACK /
// SHUTDOWN-COMPLETE with T2-shutdown retransmission; DisposeAsync bounds the wait and then ABORTs.
public sealed partial class SctpAssociation
{
    private int _t2Retransmits;

    private void BeginShutdown()
    {
        switch (_state)
        {
            case SctpAssociationState.Established:
                SetState(SctpAssociationState.ShutdownPending);
                CheckShutdownProgress();
                break;
            case SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed or SctpAssociationState.Closed:
                if (_peerTag != 0) _immediate.Add((_peerTag, new AbortChunk([new ErrorCause(ErrorCause.UserInitiatedAbort, [])])));
                Finish("shutdown");
                break;
        }
    }

    private bool AllDataAcknowledged => _pending.Count == 0 && _outstanding.Count == 0;

    private void CheckShutdownProgress()
    {
        if (!AllDataAcknowledged) return;
        if (_state == SctpAssociationState.ShutdownPending)
        {
            _control.Add(new ShutdownChunk(_received.Cumulative));
            SetState(SctpAssociationState.ShutdownSent);
            StartT2();
        }
        else if (_state == SctpAssociationState.ShutdownReceived)
        {
            _control.Add(new ShutdownAckChunk());
            SetState(SctpAssociationState.ShutdownAckSent);
            StartT2();
        }
    }

    private void StartT2()
    {
        _t2Retransmits = 0;
        _t2At = RtoDeadline(Environment.TickCount64);
    }

    private void OnShutdown(ShutdownChunk shutdown)
    {
        if (Packet.SerialNumber.Gte(shutdown.CumulativeTsnAck, _cumAckPoint) && Packet.SerialNumber.Lt(shutdown.CumulativeTsnAck, _nextTsn))
        {
            AdvanceCumulativeAck(shutdown.CumulativeTsnAck, Environment.TickCount64, out _, out _);
            if (_outstanding.Count == 0) _t3At = Off;
        }
        switch (_state)
        {
            case SctpAssociationState.Established or SctpAssociationState.ShutdownPending:
                SetState(SctpAssociationState.ShutdownReceived);
                CheckShutdownProgress();
                break;
            case SctpAssociationState.ShutdownSent:
                // Both sides shut down at once (§9.2): answer with SHUTDOWN-ACK.
                _control.Add(new ShutdownAckChunk());
                SetState(SctpAssociationState.ShutdownAckSent);
                StartT2();
                break;
            case SctpAssociationState.ShutdownAckSent:
                _control.Add(new ShutdownAckChunk());
                break;
        }
    }

    private void OnShutdownAck()
    {
        if (_state is not (SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent)) return;
        _immediate.Add((_peerTag, new ShutdownCompleteChunk()));
        Finish("shutdown");
    }

    private void OnShutdownComplete()
    {
        if (_state == SctpAssociationState.ShutdownAckSent) Finish("shutdown");
    }

    private void OnT2Expired()
    {
        _t2At = Off;
        if (++_t2Retransmits > _options.MaxInitRetransmits)
        {
            _immediate.Add((_peerTag, new AbortChunk([new ErrorCause(ErrorCause.UserInitiatedAbort, [])])));
            Finish("timeout");
            return;
        }
        _rto.BackOff();
        if (_state == SctpAssociationState.ShutdownSent) _control.Add(new ShutdownChunk(_received.Cumulative));
        else if (_state == SctpAssociationState.ShutdownAckSent) _control.Add(new ShutdownAckChunk());
        else return;
        _t2At = RtoDeadline(Environment.TickCount64);
    }
}
