using System.Net;

namespace SecureLink.WebRtc.Ice;

/// <summary>Pair states of RFC 8445 §6.1.2.6.</summary>
internal enum PairState
{
    Frozen,
    Waiting,
    InProgress,
    Succeeded,
    Failed,
}

/// <summary>
/// A local socket (its host candidate is the base) paired with a remote address. Server-reflexive
/// local candidates are never paired separately: their base is the same socket, so they would be
/// pruned as duplicates anyway (RFC 8445 §6.1.2.4).
/// </summary>
internal sealed class CandidatePair(LocalSocket local, IceCandidate remote, IPEndPoint remoteEndPoint)
{
    public LocalSocket Local { get; } = local;
    public IceCandidate Remote { get; set; } = remote;
    public IPEndPoint RemoteEndPoint { get; } = remoteEndPoint;
    public PairState State { get; set; } = PairState.Frozen;
    public ulong Priority { get; private set; }

    /// <summary>The controlled side got USE-CANDIDATE on this pair (RFC 8445 §7.3.1.5).</summary>
    public bool NominatedByPeer { get; set; }

    /// <summary>An authenticated check arrived on this pair: the peer is there, data from it is expected.</summary>
    public bool HeardFromPeer { get; set; }

    public string Foundation => Local.HostCandidate.Foundation + ":" + Remote.Foundation;

    public void UpdatePriority(IceRole role) =>
        Priority = role == IceRole.Controlling
            ? IcePriority.Pair(Local.HostCandidate.Priority, Remote.Priority)
            : IcePriority.Pair(Remote.Priority, Local.HostCandidate.Priority);

    public bool Matches(LocalSocket socket, IPEndPoint from) => ReferenceEquals(socket, Local) && EndPointsEqual(from, RemoteEndPoint);

    public static bool EndPointsEqual(IPEndPoint a, IPEndPoint b) => a.Port == b.Port && a.Address.Equals(b.Address);

    public override string ToString() => $"{Local.LocalEndPoint} -> {RemoteEndPoint} ({State})";
}
