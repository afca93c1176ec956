using System.Net;
using System.Text;
using SecureLink.WebRtc.Stun;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// The checklist (RFC 8445 §6.1.2–§7.2): pairs, pacing one new check per Ta (triggered
/// checks first, then the best Waiting pair, then unfreezing), responses, role-conflict
/// recovery and regular nomination by the controlling agent.
/// </summary>
public sealed partial class IceAgent
{
    private const int MaxPairs = 100;
    private const int NominationSettleMs = 300;

    /// <summary>
    /// The ticker and TickCount64 both have ~1 ms jitter: a tick arriving a hair before the Ta
    /// deadline would otherwise wait a whole extra Ta. Pacing stays within a few ms of Ta.
    /// </summary>
    private const int PacingSlackMs = 3;

    private readonly List<IceCandidate> _remoteCandidates = [];
    private readonly List<CandidatePair> _pairs = [];
    private readonly Queue<CandidatePair> _triggered = new();
    private readonly Dictionary<string, CheckTransaction> _transactions = [];
    private readonly List<EarlyCheck> _earlyChecks = [];
    private readonly HashSet<CandidatePair> _checkedPairs = [];
    private readonly List<IPEndPoint> _localPeerReflexive = [];

    private IceParameters? _remote;
    private byte[] _remotePasswordKey = [];
    private bool _started;
    private long _startedAtMs;
    private long _nextCheckAtMs;
    private long _firstSuccessAtMs = -1;
    private CandidatePair? _nominating;

    private void Start(IceParameters remote, IceRole role)
    {
        if (_started) return;
        _remote = remote;
        _remotePasswordKey = Encoding.UTF8.GetBytes(remote.Password);
        _role = (int)role;
        _started = true;
        _startedAtMs = NowMs;
        SetState(IceConnectionState.Checking);
        if (_sockets.Count == 0)
        {
            Fail("This computer has no usable network connection (no local address to connect from).");
            return;
        }
        foreach (var c in _remoteCandidates) PairWithSockets(c);
        var seen = new HashSet<string>();
        foreach (var p in _pairs.OrderByDescending(p => p.Priority))
            if (seen.Add(p.Foundation)) p.State = PairState.Waiting;
        Log(LogLevel.Info, $"checking as {Role}: {_pairs.Count} pairs, {_earlyChecks.Count} early checks");
        foreach (var e in _earlyChecks) OnAuthenticatedCheck(e.Socket, e.From, e.Priority, e.UseCandidate);
        _earlyChecks.Clear();
        // The first check goes now, not at the next tick: Ta paces checks after it (§6.1.4.2).
        PaceChecks(NowMs);
    }

    /// <summary>Sends the next check if Ta has passed since the last one; called on every tick and after every input.</summary>
    private void PaceChecks(long now)
    {
        if (!_started || State is IceConnectionState.Failed or IceConnectionState.Closed) return;
        if (now + PacingSlackMs < _nextCheckAtMs) return;
        if (SendNextCheck(now, ordinaryAllowed: _selected is null)) _nextCheckAtMs = now + (long)_options.CheckInterval.TotalMilliseconds;
    }

    private void HandleRemoteCandidate(IceCandidate c)
    {
        if (c.Type == IceCandidateType.ServerReflexive) _remoteHadServerReflexive = true;
        if (c.IsMdnsName) { Log(LogLevel.Debug, $"ignored mDNS candidate {c.Address} (peer-reflexive discovery covers it)"); return; }
        if (c.Protocol != "udp" || c.Component != 1) { Log(LogLevel.Debug, $"ignored {c.Protocol} component {c.Component} candidate"); return; }
        if (c.TryGetEndPoint() is not { } ep || ep.Port == 0 || ep.Address.Equals(IPAddress.Any) || ep.Address.Equals(IPAddress.IPv6Any)
            || ep.Address.IsIPv6LinkLocal || ep.Address.IsIPv6Multicast)
        {
            // Link-local IPv6 needs a scope id SDP cannot carry: our sockets never use it, so checks to it could not work.
            Log(LogLevel.Debug, $"ignored candidate with unusable address {c.Address}:{c.Port}");
            return;
        }
        if (_remoteCandidates.Any(r => r.TryGetEndPoint() is { } x && CandidatePair.EndPointsEqual(x, ep))) return;
        _remoteCandidates.Add(c);
        Log(LogLevel.Debug, $"remote candidate {c.Address}:{c.Port} {IceCandidate.TypeName(c.Type)}");
        if (!_started) return;
        foreach (var p in PairWithSockets(c)) if (p.State == PairState.Frozen) p.State = PairState.Waiting;
    }

    private List<CandidatePair> PairWithSockets(IceCandidate remote)
    {
        var added = new List<CandidatePair>();
        var ep = remote.TryGetEndPoint()!;
        foreach (var s in _sockets)
        {
            if (s.Family != ep.AddressFamily) continue;
            // Loopback can only reach loopback; pairing across would only produce checks that cannot work.
            if (IPAddress.IsLoopback(s.LocalEndPoint.Address) != IPAddress.IsLoopback(ep.Address)) continue;
            if (AddPair(s, remote, ep) is { } p) added.Add(p);
        }
        return added;
    }

    private CandidatePair? AddPair(LocalSocket socket, IceCandidate remote, IPEndPoint ep)
    {
        if (FindPair(socket, ep) is { } existing) return existing;
        if (_pairs.Count >= MaxPairs) { Log(LogLevel.Debug, "pair limit reached"); return null; }
        var pair = new CandidatePair(socket, remote, ep);
        pair.UpdatePriority(Role);
        _pairs.Add(pair);
        return pair;
    }

    private CandidatePair? FindPair(LocalSocket socket, IPEndPoint from)
    {
        foreach (var p in _pairs) if (p.Matches(socket, from)) return p;
        return null;
    }

    private void OnTick(long now)
    {
        if (!_started || State is IceConnectionState.Failed or IceConnectionState.Closed) return;
        Retransmit(now);
        if (State is IceConnectionState.Failed) return;
        if (_selected is null)
        {
            if (now - _startedAtMs > (long)_options.ConnectTimeout.TotalMilliseconds)
            {
                Fail($"No network path to the other person worked ({_checkedPairs.Count} candidate pairs tried).");
                return;
            }
            PaceChecks(now);
            MaybeNominate(now);
        }
        else
        {
            PaceChecks(now);
            CheckConsent(now);
        }
    }

    private bool SendNextCheck(long now, bool ordinaryAllowed)
    {
        while (_triggered.TryDequeue(out var t))
        {
            if (t.State == PairState.Succeeded) continue;
            SendCheck(t, CheckKind.Ordinary, now);
            return true;
        }
        if (!ordinaryAllowed) return false;
        var next = Best(PairState.Waiting) ?? Best(PairState.Frozen);
        if (next is null) return false;
        SendCheck(next, CheckKind.Ordinary, now);
        return true;
    }

    private CandidatePair? Best(PairState state)
    {
        CandidatePair? best = null;
        foreach (var p in _pairs) if (p.State == state && (best is null || p.Priority > best.Priority)) best = p;
        return best;
    }

    private void SendCheck(CandidatePair pair, CheckKind kind, long now)
    {
        var role = Role;
        var request = new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UsernameAttribute($"{_remote!.UsernameFragment}:{LocalParameters.UsernameFragment}"))
            .Add(new PriorityAttribute(IcePriority.Candidate(IceCandidateType.PeerReflexive, pair.Local.LocalPreference)))
            .Add(role == IceRole.Controlling ? new IceControllingAttribute(_tieBreaker) : new IceControlledAttribute(_tieBreaker));
        if (kind == CheckKind.Nomination) request.Add(new UseCandidateAttribute());
        var packet = request.Encode(_remotePasswordKey, fingerprint: true);
        var tx = new CheckTransaction(request.TransactionId, packet, pair, kind, role)
        {
            Sends = 1,
            NextActionAtMs = now + (long)_options.CheckRetransmission.WaitAfter(0).TotalMilliseconds,
        };
        _transactions[Convert.ToHexString(tx.Id)] = tx;
        if (kind == CheckKind.Ordinary && pair.State != PairState.Succeeded) pair.State = PairState.InProgress;
        _checkedPairs.Add(pair);
        if (_log.IsEnabled(LogLevel.Trace)) Log(LogLevel.Trace, $"{kind} check {pair.Local.LocalEndPoint} -> {pair.RemoteEndPoint}");
        pair.Local.Send(packet, pair.RemoteEndPoint);
    }

    private void Retransmit(long now)
    {
        List<string>? expired = null;
        foreach (var (key, tx) in _transactions)
        {
            if (now < tx.NextActionAtMs) continue;
            if (tx.Sends < _options.CheckRetransmission.MaxRequests)
            {
                tx.Pair.Local.Send(tx.Packet, tx.To);
                tx.NextActionAtMs = now + (long)_options.CheckRetransmission.WaitAfter(tx.Sends).TotalMilliseconds;
                tx.Sends++;
            }
            else
            {
                (expired ??= []).Add(key);
            }
        }
        if (expired is null) return;
        foreach (var key in expired)
        {
            var tx = _transactions[key];
            _transactions.Remove(key);
            if (tx.Kind == CheckKind.Consent) continue; // consent is judged by time since the last answer
            if (tx.Pair.State != PairState.Succeeded) tx.Pair.State = PairState.Failed;
            if (tx.Kind == CheckKind.Nomination && ReferenceEquals(_nominating, tx.Pair))
            {
                tx.Pair.State = PairState.Failed;
                _nominating = null;
            }
            Log(LogLevel.Debug, $"check timed out: {tx.Pair}");
        }
    }

    private void HandleResponse(LocalSocket socket, IPEndPoint from, StunMessage response)
    {
        var key = Convert.ToHexString(response.TransactionId);
        if (!_transactions.TryGetValue(key, out var tx)) { Drop($"STUN response to an unknown transaction from {from}"); return; }
        // RFC 8445 §7.2.5.1: responses are authenticated with the password of the request.
        if (!response.VerifyIntegrity(_remotePasswordKey)) { Drop($"STUN response with bad MESSAGE-INTEGRITY from {from}"); return; }
        if (response.HasFingerprint && !response.VerifyFingerprint()) { Drop($"STUN response with bad FINGERPRINT from {from}"); return; }
        _transactions.Remove(key);
        var pair = tx.Pair;
        var now = NowMs;
        if (!pair.Matches(socket, from))
        {
            // §7.2.5.2.1: a non-symmetric answer fails the pair.
            if (tx.Kind != CheckKind.Consent && pair.State != PairState.Succeeded) pair.State = PairState.Failed;
            Log(LogLevel.Debug, $"non-symmetric response for {pair} from {from}");
            return;
        }
        if (response.Class == StunMessageClass.ErrorResponse)
        {
            HandleErrorResponse(tx, response);
            return;
        }
        if (ReferenceEquals(pair, _selected)) _lastConsentAtMs = now;
        if (tx.Kind == CheckKind.Consent)
        {
            if (State == IceConnectionState.Disconnected) SetState(IceConnectionState.Connected);
            return;
        }
        if (response.Get<XorMappedAddressAttribute>()?.EndPoint is { } mapped && !CandidatePair.EndPointsEqual(mapped, socket.LocalEndPoint)
            && !_localPeerReflexive.Any(x => CandidatePair.EndPointsEqual(x, mapped)))
        {
            // §7.2.5.3.1: a local peer-reflexive candidate. It shares the socket (base) with the
            // checked pair, so the valid pair sends exactly as the checked one; we only record it.
            _localPeerReflexive.Add(mapped);
            Log(LogLevel.Debug, $"local peer-reflexive address {mapped} (base {socket.LocalEndPoint})");
        }
        if (pair.State != PairState.Succeeded)
        {
            pair.State = PairState.Succeeded;
            if (_firstSuccessAtMs < 0) _firstSuccessAtMs = now;
            foreach (var p in _pairs) if (p.State == PairState.Frozen && p.Foundation == pair.Foundation) p.State = PairState.Waiting;
            Log(LogLevel.Debug, $"pair succeeded: {pair}");
        }
        if (tx.Kind == CheckKind.Nomination && Role == IceRole.Controlling) Select(pair);
        else if (Role == IceRole.Controlled && pair.NominatedByPeer) Select(pair);
        // Nominate as soon as the best pair works, not at the next tick.
        else if (_selected is null) MaybeNominate(now);
    }

    private void HandleErrorResponse(CheckTransaction tx, StunMessage response)
    {
        var code = response.Get<ErrorCodeAttribute>()?.Code ?? 0;
        if (code == ErrorCodeAttribute.RoleConflict && tx.Kind != CheckKind.Consent)
        {
            // §7.2.5.1: switch to the role opposite to the one the request claimed, then retry.
            var newRole = tx.RoleWhenSent == IceRole.Controlling ? IceRole.Controlled : IceRole.Controlling;
            if (Role != newRole) SwitchRole(newRole, "487 Role Conflict received");
            if (tx.Pair.State != PairState.Succeeded) tx.Pair.State = PairState.Waiting;
            _triggered.Enqueue(tx.Pair);
            if (ReferenceEquals(_nominating, tx.Pair)) _nominating = null;
            return;
        }
        Log(LogLevel.Debug, $"check error {code} on {tx.Pair}");
        if (tx.Kind == CheckKind.Consent) return;
        if (tx.Pair.State != PairState.Succeeded) tx.Pair.State = PairState.Failed;
        if (ReferenceEquals(_nominating, tx.Pair)) { tx.Pair.State = PairState.Failed; _nominating = null; }
    }

    private void SwitchRole(IceRole role, string why)
    {
        Log(LogLevel.Info, $"role {Role} -> {role} ({why})");
        _role = (int)role;
        foreach (var p in _pairs) p.UpdatePriority(role);
        if (role == IceRole.Controlled) _nominating = null;
    }

    /// <summary>Regular nomination (§8.1.1): once the best pair works, or other pairs had a moment, re-check it with USE-CANDIDATE.</summary>
    private void MaybeNominate(long now)
    {
        if (Role != IceRole.Controlling || _nominating is not null || _selected is not null) return;
        var best = Best(PairState.Succeeded);
        if (best is null) return;
        var betterPending = _pairs.Any(p => p.Priority > best.Priority && p.State is PairState.Waiting or PairState.InProgress or PairState.Frozen);
        if (betterPending && now - _firstSuccessAtMs < NominationSettleMs) return;
        _nominating = best;
        // Not paced: the pair has already answered us, so one more request to it cannot flood an
        // unverified address (what Ta guards against, §14.2); waiting a Ta would only delay setup.
        Log(LogLevel.Debug, $"nominating {best}");
        SendCheck(best, CheckKind.Nomination, now);
    }

    private void Select(CandidatePair pair)
    {
        if (ReferenceEquals(_selected, pair)) return;
        var first = _selected is null;
        _selected = pair;
        _nominating = null;
        Log(LogLevel.Info, $"selected {pair.Local.LocalEndPoint} -> {pair.RemoteEndPoint}");
        if (first)
        {
            _lastConsentAtMs = NowMs;
            _nextConsentAtMs = NowMs + NextConsentIntervalMs();
        }
        if (State is IceConnectionState.Checking or IceConnectionState.Disconnected) SetState(IceConnectionState.Connected);
        _connected.TrySetResult(_transport);
    }
}
