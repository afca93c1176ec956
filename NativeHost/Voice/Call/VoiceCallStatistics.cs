using SecureLink.Voice.Devices;

namespace SecureLink.Voice.Call;

/// <summary>A snapshot of one call's quality, for the popup and for measurements.</summary>
/// <param name="RttMs">Round-trip time from RTCP (null before the first report about our stream).</param>
/// <param name="LossPercent">Loss of the peer's stream as we receive it, before FEC, over the last ~5 s (frames that did not arrive in time).</param>
/// <param name="JitterMs">RFC 3550 interarrival jitter of the peer's stream.</param>
/// <param name="Mos">E-model MOS of what we hear (one-way delay = RTT/2 + jitter buffer delay; loss after FEC).</param>
/// <param name="R">E-model transmission rating behind <paramref name="Mos"/>.</param>
/// <param name="MicLevel">0..1: RMS of the last ~100 ms of our microphone, dBFS mapped −60..0 → 0..1; 0 while muted.</param>
/// <param name="PacketsSent">Audio RTP packets we sent.</param>
/// <param name="PacketsReceived">Audio RTP packets the channel handed us (duplicates included).</param>
/// <param name="FecRecovered">Lost frames rebuilt from the next packet's FEC copy.</param>
/// <param name="Concealed">Frames invented by packet-loss concealment (losses, underruns, DTX gaps, bad payloads).</param>
/// <param name="LateDropped">Packets that came after their playout slot and were dropped.</param>
/// <param name="JitterBufferMs">Audio the jitter buffer held at the last playout.</param>
/// <param name="BitrateBps">Our encoder's current target bitrate.</param>
/// <param name="RemoteLossPercent">Loss of our stream as the peer's last receiver report says (null before one arrives).</param>
public sealed record VoiceCallStatistics(
    double? RttMs, double LossPercent,
    double JitterMs, double Mos, double R, double MicLevel,
    long PacketsSent, long PacketsReceived, long FecRecovered, long Concealed, long LateDropped,
    double JitterBufferMs, int BitrateBps, double? RemoteLossPercent)
{
    /// <summary>Loss after FEC over the same window as <see cref="LossPercent"/>: what the E-model was given.</summary>
    public double ResidualLossPercent { get; init; }

    /// <summary>Received payloads refused before or by the decoder (empty, oversize, not Opus).</summary>
    public long InvalidPayloads { get; init; }

    /// <summary>The speaker's queue (underruns = gaps heard because playback fell behind); zero for devices that cannot tell.</summary>
    public PlaybackQueueStats Playback { get; init; }

    /// <summary>Where this end's share of the delay goes, stage by stage (averages since the call started).</summary>
    public LatencyStages Stages { get; init; }
}
