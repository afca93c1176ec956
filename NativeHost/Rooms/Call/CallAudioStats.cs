namespace SecureLink.Rooms.Call;

/// <summary>
/// Call quality and counters as the voice layer measures them (see SecureLink.Voice.Call's
/// VoiceCallStatistics): <see cref="RttMs"/> and <see cref="RemoteLossPercent"/> are null until
/// the first RTCP report; <see cref="LossPercent"/> is the peer's stream as we receive it, before
/// FEC; <see cref="MicLevel"/> is 0..1 (0 while muted).
/// </summary>
public sealed record CallAudioStats(
    double? RttMs, double LossPercent, double JitterMs, double Mos, double R, double MicLevel,
    long PacketsSent, long PacketsReceived, long FecRecovered, long Concealed, long LateDropped,
    double JitterBufferMs, int BitrateBps, double? RemoteLossPercent);
