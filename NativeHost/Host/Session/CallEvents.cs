using SecureLink.Host.Protocol;
using SecureLink.Rooms.Call;

namespace SecureLink.Host.Session;

/// <summary>The rooms layer's call views and statistics in protocol form (docs/protocol.md, call.state / call.stats / state.get).</summary>
public static class CallEvents
{
    public static CallStateEvent State(CallView call) => new(
        call.State.WireName(), call.Muted, call.PeerMuted,
        call.State == CallState.Ringing ? call.PeerRinging : null,
        call.State == CallState.Active && call.StartedAt is { } started ? RoomHost.Iso(started) : null,
        call.State == CallState.Active ? call.DeviceProblem : null,
        call.ReasonCode, call.Reason);

    /// <summary>Null when there is no call (an ended call is not shown again).</summary>
    public static CallSnapshot? Snapshot(CallView? call) => call is null || call.State == CallState.Ended ? null : new(
        call.State.WireName(), call.Muted, call.PeerMuted,
        call.State == CallState.Active && call.StartedAt is { } started ? RoomHost.Iso(started) : null,
        call.State == CallState.Ringing ? call.PeerRinging : null,
        call.State == CallState.Active ? call.DeviceProblem : null);

    // Rounded to what a person can read: the raw doubles carry noise digits that only cost bytes.
    public static CallStatsEvent Stats(CallAudioStats s) => new(
        s.RttMs is { } rtt ? Math.Round(rtt, 1) : null,
        Math.Round(s.LossPercent, 2), Math.Round(s.JitterMs, 1), Math.Round(s.Mos, 2), Math.Round(s.MicLevel, 3),
        Math.Round(s.R, 1), s.RemoteLossPercent is { } remote ? Math.Round(remote, 2) : null,
        s.PacketsSent, s.PacketsReceived, s.FecRecovered, s.Concealed, Math.Round(s.JitterBufferMs, 1), s.BitrateBps);
}
