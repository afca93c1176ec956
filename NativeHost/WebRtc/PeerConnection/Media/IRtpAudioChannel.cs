using System.Threading.Channels;

namespace SecureLink.WebRtc.Media;

/// <summary>
/// One negotiated Opus audio stream of a peer connection, already protected by SRTP: what the
/// voice layer sends and receives. The implementation owns sequence numbers, SRTP, RTCP
/// (sender/receiver reports about once a second) and the statistics derived from them; the
/// voice layer only deals in payloads and RTP timestamps. Implementations never throw on
/// network trouble or bad input from the peer: such packets are dropped and counted.
/// </summary>
public interface IRtpAudioChannel
{
    /// <summary>Our SSRC (random per session).</summary>
    uint LocalSsrc { get; }

    /// <summary>The negotiated Opus payload type (111 unless the peer chose another).</summary>
    int PayloadType { get; }

    /// <summary>
    /// Sends one Opus payload as an RTP packet with our SSRC, the next sequence number and
    /// <paramref name="timestamp"/> (48 kHz clock). <paramref name="marker"/> marks the first
    /// packet after silence (DTX). Throws <see cref="ObjectDisposedException"/> after dispose only.
    /// </summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> payload, uint timestamp, bool marker, CancellationToken ct);

    /// <summary>Authenticated RTP packets of the negotiated payload type, in arrival order.</summary>
    ChannelReader<ReceivedRtp> Received { get; }

    /// <summary>A snapshot of the counters and the figures RTCP gives.</summary>
    RtpChannelStatistics GetStatistics();
}

/// <summary>One received, decrypted RTP packet.</summary>
/// <param name="Ssrc">The sender's SSRC.</param>
/// <param name="SequenceNumber">RTP sequence number (16 bits, wraps).</param>
/// <param name="Timestamp">RTP timestamp, 48 kHz.</param>
/// <param name="Marker">The RTP marker bit.</param>
/// <param name="Payload">The payload (a private copy the receiver may keep).</param>
/// <param name="ArrivalTimestamp">When it arrived, in <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> units.</param>
public readonly record struct ReceivedRtp(uint Ssrc, ushort SequenceNumber, uint Timestamp, bool Marker, byte[] Payload, long ArrivalTimestamp);

/// <summary>Counters and RTCP-derived figures of one audio channel.</summary>
/// <param name="PacketsSent">RTP packets sent.</param>
/// <param name="BytesSent">SRTP bytes sent (RTP and RTCP, on the wire).</param>
/// <param name="PacketsReceived">RTP packets received and authenticated.</param>
/// <param name="BytesReceived">SRTP bytes received (RTP and RTCP, on the wire).</param>
/// <param name="PacketsLost">Packets of the peer's stream we expected and did not receive (RFC 3550 cumulative lost).</param>
/// <param name="LocalLossPercent">Loss of the peer's stream as we see it, over the last report interval, 0–100.</param>
/// <param name="RemoteLossPercent">Loss of our stream as the peer's last receiver report says, 0–100 (null before one arrives).</param>
/// <param name="JitterMs">RFC 3550 interarrival jitter of the peer's stream, in milliseconds.</param>
/// <param name="RoundTripMs">RTT from the peer's last report block about our stream (null before one arrives).</param>
/// <param name="Dropped">Datagrams dropped: failed SRTP/SRTCP authentication, replays, malformed, wrong payload type.</param>
public sealed record RtpChannelStatistics(
    long PacketsSent, long BytesSent, long PacketsReceived, long BytesReceived, long PacketsLost,
    double LocalLossPercent, double? RemoteLossPercent, double JitterMs, double? RoundTripMs, long Dropped)
{
    /// <summary>Authenticated packets pushed out of the full <see cref="IRtpAudioChannel.Received"/> queue (oldest first) because nobody read them (added member).</summary>
    public long ReceiveQueueOverflows { get; init; }

    /// <summary>Of <see cref="Dropped"/>: datagrams whose SRTP/SRTCP tag did not verify (forged, corrupted) (added member).</summary>
    public long DroppedUnauthenticated { get; init; }

    /// <summary>Of <see cref="Dropped"/>: replays, or packets older than the replay window (added member).</summary>
    public long DroppedReplays { get; init; }

    /// <summary>The peer's SSRC as latched from its first authenticated packet, null before (added member).</summary>
    public uint? RemoteSsrc { get; init; }
}
