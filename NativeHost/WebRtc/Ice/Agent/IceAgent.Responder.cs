using System.Net;
using SecureLink.WebRtc.Stun;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// Answering the peer's checks (RFC 8445 §7.3): authenticate with our password, resolve role
/// conflicts, reply with XOR-MAPPED-ADDRESS + MESSAGE-INTEGRITY + FINGERPRINT, learn
/// peer-reflexive remote candidates and queue triggered checks.
/// </summary>
public sealed partial class IceAgent
{
    private int _peerReflexiveCount;

    private int _remoteCheckSeen;

    /// <summary>
    /// Raised once, on the receive thread, for the first check that carries our credentials (added
    /// member): proof the peer has our parameters and is checking, e.g. a creator who accepted the reply.
    /// Handlers must not block.
    /// </summary>
    public event Action? RemoteCheckReceived;

    private void HandleRequest(LocalSocket socket, IPEndPoint from, StunMessage request)
    {
        // Once failed we withdraw consent (RFC 7675 §5.2): silence lets the peer notice too.
        if (State is IceConnectionState.Failed) { Drop($"check from {from} after failure"); return; }
        // ICE requires FINGERPRINT on every check; without it this is not our peer talking.
        if (!request.VerifyFingerprint()) { Drop($"STUN request without valid FINGERPRINT from {from}"); return; }
        var username = request.Get<UsernameAttribute>()?.Value;
        if (username is null || !request.HasIntegrity)
        {
            SendError(socket, from, request, ErrorCodeAttribute.BadRequest, "Bad Request");
            Drop($"check without USERNAME or MESSAGE-INTEGRITY from {from}");
            return;
        }
        if (!username.StartsWith(LocalParameters.UsernameFragment + ":", StringComparison.Ordinal) || !request.VerifyIntegrity(_localPasswordKey))
        {
            SendError(socket, from, request, ErrorCodeAttribute.Unauthorized, "Unauthorized");
            Drop($"check with wrong credentials from {from}");
            return;
        }
        if (request.UnknownRequiredAttributes.Count > 0)
        {
            SendError(socket, from, request, ErrorCodeAttribute.UnknownAttribute, "Unknown Attribute");
            return;
        }
        if (_started && HasRoleConflict(request, out var answer487))
        {
            if (answer487) { SendError(socket, from, request, ErrorCodeAttribute.RoleConflict, "Role Conflict", withIntegrity: true); return; }
        }
        var response = new StunMessage(StunMessageClass.SuccessResponse, StunMethod.Binding, request.TransactionId)
            .Add(new XorMappedAddressAttribute(from));
        socket.Send(response.Encode(_localPasswordKey, fingerprint: true), from);

        if (Interlocked.Exchange(ref _remoteCheckSeen, 1) == 0) RemoteCheckReceived?.Invoke();
        var priority = request.Get<PriorityAttribute>()?.Value ?? IcePriority.Candidate(IceCandidateType.PeerReflexive, 65535);
        var useCandidate = request.Get<UseCandidateAttribute>() is not null;
        if (!_started)
        {
            // We know our own password, so we can answer before ConnectAsync; the rest waits for the remote credentials.
            if (_earlyChecks.Count < 64) _earlyChecks.Add(new EarlyCheck(socket, from, priority, useCandidate));
            return;
        }
        OnAuthenticatedCheck(socket, from, priority, useCandidate);
    }

    /// <summary>§7.3.1.1. True when the request conflicts with our role; <paramref name="answer487"/> says we keep ours and reject it.</summary>
    private bool HasRoleConflict(StunMessage request, out bool answer487)
    {
        answer487 = false;
        if (Role == IceRole.Controlling && request.Get<IceControllingAttribute>() is { } theirs)
        {
            if (_tieBreaker >= theirs.TieBreaker) answer487 = true;
            else SwitchRole(IceRole.Controlled, "peer is also controlling and has the larger tie-breaker");
            return true;
        }
        if (Role == IceRole.Controlled && request.Get<IceControlledAttribute>() is { } theirs2)
        {
            if (_tieBreaker >= theirs2.TieBreaker) SwitchRole(IceRole.Controlling, "peer is also controlled and we have the larger tie-breaker");
            else answer487 = true;
            return true;
        }
        return false;
    }

    private void OnAuthenticatedCheck(LocalSocket socket, IPEndPoint from, uint priority, bool useCandidate)
    {
        var pair = FindPair(socket, from);
        if (pair is null)
        {
            // §7.3.1.3: the check came from an address we were not told about: a peer-reflexive remote candidate.
            var remote = _remoteCandidates.FirstOrDefault(r => r.TryGetEndPoint() is { } ep && CandidatePair.EndPointsEqual(ep, from));
            if (remote is null)
            {
                remote = new IceCandidate("prflx" + (++_peerReflexiveCount), 1, "udp", priority, from.Address.ToString(), from.Port, IceCandidateType.PeerReflexive);
                _remoteCandidates.Add(remote);
                Log(LogLevel.Debug, $"remote peer-reflexive candidate {from}");
            }
            pair = AddPair(socket, remote, from);
            if (pair is null) return;
        }
        pair.HeardFromPeer = true;
        if (useCandidate && Role == IceRole.Controlled) pair.NominatedByPeer = true;
        switch (pair.State)
        {
            case PairState.Succeeded:
                if (pair.NominatedByPeer && Role == IceRole.Controlled) Select(pair);
                break;
            case PairState.InProgress:
                // §7.3.1.4: check again now rather than wait out the backed-off retransmission
                // (the old transaction may still answer; either success counts).
                if (!_triggered.Contains(pair)) _triggered.Enqueue(pair);
                break;
            default:
                pair.State = PairState.Waiting;
                if (!_triggered.Contains(pair)) _triggered.Enqueue(pair);
                break;
        }
    }

    private void SendError(LocalSocket socket, IPEndPoint to, StunMessage request, int code, string reason, bool withIntegrity = false)
    {
        var error = new StunMessage(StunMessageClass.ErrorResponse, StunMethod.Binding, request.TransactionId)
            .Add(new ErrorCodeAttribute(code, reason));
        socket.Send(error.Encode(withIntegrity ? _localPasswordKey : null, fingerprint: true), to);
        if (_log.IsEnabled(LogLevel.Debug)) Log(LogLevel.Debug, $"answered {code} to {to}");
    }
}
