using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;

namespace SecureLink.WebRtc.Sctp;

// Stream reset (RFC 6525), which is how a data channel closes (RFC 8831 §6.7). Outgoing: once every
// queued message of the stream has a TSN, send one Outgoing SSN Reset Request at a time, retransmit
// on RTO, and reset our SSN when the peer reports it performed. Incoming: perform when our cumulative
// TSN has reached the sender's last TSN, else answer "in progress" and perform when it does.
public sealed partial class SctpAssociation
{
    private readonly List<ResetInput> _resetQueue = [];
    private OutgoingResetRequest? _outstandingReset;
    private List<ResetInput> _outstandingResetWaiters = [];
    private uint _myNextRequestSequence, _peerNextRequestSequence;
    private ReconfigResult _lastPeerRequestResult = ReconfigResult.SuccessPerformed;
    private OutgoingResetRequest? _deferredIncomingReset;
    private int _reconfigRetransmits;

    private void QueueReset(ResetInput reset)
    {
        if (_finished || !_peerReconfig && IsUp)
        {
            reset.Done.TrySetResult(false);
            return;
        }
        _resetQueue.Add(reset);
    }

    private void TryStartReset()
    {
        if (_outstandingReset is not null || _resetQueue.Count == 0 || !IsUp) return;
        if (!_peerReconfig)
        {
            FailResets();
            return;
        }
        // Only streams whose every queued fragment already has a TSN: "sender's last assigned TSN" must cover them.
        var ready = _resetQueue.Where(r => !_pendingPerStream.ContainsKey(r.StreamId)).ToList();
        if (ready.Count == 0) return;
        foreach (var r in ready) _resetQueue.Remove(r);
        var streams = ready.Select(r => r.StreamId).Distinct().ToArray();
        _outstandingReset = new OutgoingResetRequest(_myNextRequestSequence++, _peerNextRequestSequence - 1, _nextTsn - 1, streams);
        _outstandingResetWaiters = ready;
        _reconfigRetransmits = 0;
        _control.Add(new ReconfigChunk([_outstandingReset]));
        _reconfigAt = RtoDeadline(Environment.TickCount64);
    }

    private void OnReconfigTimer()
    {
        _reconfigAt = Off;
        if (_outstandingReset is null) return;
        if (++_reconfigRetransmits > _options.MaxInitRetransmits)
        {
            foreach (var w in _outstandingResetWaiters) w.Done.TrySetResult(false);
            _outstandingReset = null;
            return;
        }
        _control.Add(new ReconfigChunk([_outstandingReset]));
        _reconfigAt = RtoDeadline(Environment.TickCount64);
    }

    private void OnReconfig(ReconfigChunk chunk)
    {
        var responses = new List<ReconfigParameter>();
        foreach (var p in chunk.Parameters)
        {
            switch (p)
            {
                case OutgoingResetRequest request: responses.Add(OnIncomingResetRequest(request)); break;
                case ReconfigResponse response: OnReconfigResponse(response); break;
                case OtherReconfigParameter { RequestSequence: { } seq }:
                    responses.Add(new ReconfigResponse(seq, ReconfigResult.Denied));
                    break;
            }
        }
        if (responses.Count > 0) _control.Add(new ReconfigChunk(responses));
    }

    private ReconfigResponse OnIncomingResetRequest(OutgoingResetRequest request)
    {
        if (request.RequestSequence == _peerNextRequestSequence - 1 && _deferredIncomingReset is null)
            return new ReconfigResponse(request.RequestSequence, _lastPeerRequestResult); // a retransmission
        if (request.RequestSequence != _peerNextRequestSequence)
            return new ReconfigResponse(request.RequestSequence, ReconfigResult.ErrorBadSequenceNumber);
        if (SerialNumber.Gt(request.SenderLastTsn, _received.Cumulative))
        {
            _deferredIncomingReset = request;
            return new ReconfigResponse(request.RequestSequence, ReconfigResult.InProgress);
        }
        PerformIncomingReset(request);
        return new ReconfigResponse(request.RequestSequence, ReconfigResult.SuccessPerformed);
    }

    private void PerformDeferredIncomingReset()
    {
        if (_deferredIncomingReset is not { } request || SerialNumber.Gt(request.SenderLastTsn, _received.Cumulative)) return;
        PerformIncomingReset(request);
        // Tell the peer now rather than on its retransmission, so the close completes promptly.
        _control.Add(new ReconfigChunk([new ReconfigResponse(request.RequestSequence, ReconfigResult.SuccessPerformed)]));
    }

    private void PerformIncomingReset(OutgoingResetRequest request)
    {
        _deferredIncomingReset = null;
        _peerNextRequestSequence = request.RequestSequence + 1;
        _lastPeerRequestResult = ReconfigResult.SuccessPerformed;
        foreach (var s in request.Streams) _reassembly.ResetStream(s);
        // An empty list means "all streams" (RFC 6525 §4.1); data channels always name theirs.
        _deliveries.Writer.TryWrite(new StreamsReset(request.Streams));
    }

    private void OnReconfigResponse(ReconfigResponse response)
    {
        if (_outstandingReset is not { } request || response.ResponseSequence != request.RequestSequence) return;
        if (response.Result == ReconfigResult.InProgress)
        {
            // The peer waits for our data to arrive; ask again after an RTO.
            _reconfigAt = RtoDeadline(Environment.TickCount64);
            return;
        }
        var ok = response.Result is ReconfigResult.SuccessPerformed or ReconfigResult.SuccessNothingToDo;
        if (ok)
        {
            foreach (var s in request.Streams) _outgoingSsn.Remove(s);
        }
        _outstandingReset = null;
        _reconfigAt = Off;
        foreach (var w in _outstandingResetWaiters) w.Done.TrySetResult(ok);
        _outstandingResetWaiters = [];
    }

    private void FailResets()
    {
        foreach (var r in _resetQueue) r.Done.TrySetResult(false);
        _resetQueue.Clear();
        foreach (var w in _outstandingResetWaiters) w.Done.TrySetResult(false);
        _outstandingResetWaiters = [];
        _outstandingReset = null;
    }
}
