namespace SecureLink.Rooms.Call;

/// <summary>
/// What a view shows of the call, after every change and in snapshots.
/// <see cref="StartedAt"/> is when it became active (our clock); <see cref="PeerRinging"/> says
/// the peer's host confirmed it is alerting (ringing only); <see cref="DeviceProblem"/> is a
/// sentence when a device failed and the call goes on regardless (active only);
/// <see cref="ReasonCode"/> and <see cref="Reason"/> are set on <see cref="CallState.Ended"/>.
/// </summary>
public sealed record CallView(
    CallState State,
    CallId Id,
    bool Outgoing,
    bool Muted,
    bool PeerMuted,
    bool PeerRinging,
    DateTimeOffset? StartedAt,
    string? DeviceProblem = null,
    string? ReasonCode = null)
{
    public string? Reason => ReasonCode is null ? null : CallReasons.Sentence(ReasonCode);
}
