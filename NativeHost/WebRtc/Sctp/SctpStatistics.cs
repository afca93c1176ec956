namespace SecureLink.WebRtc.Sctp;

/// <summary>Counters of one association, readable from any thread (sizes and counts only, never content).</summary>
public sealed class SctpStatistics
{
    internal long packetsSent, packetsReceived, packetsDropped, dataChunksSent, dataChunksReceived,
        retransmissions, fastRetransmits, t3Expiries, duplicateTsns, messagesDropped, forwardTsnSent;

    public long PacketsSent => Interlocked.Read(ref packetsSent);
    public long PacketsReceived => Interlocked.Read(ref packetsReceived);

    /// <summary>Datagrams refused: bad checksum, bad lengths, truncated or malformed chunks, wrong tag or port.</summary>
    public long PacketsDropped => Interlocked.Read(ref packetsDropped);
    public long DataChunksSent => Interlocked.Read(ref dataChunksSent);
    public long DataChunksReceived => Interlocked.Read(ref dataChunksReceived);
    public long Retransmissions => Interlocked.Read(ref retransmissions);
    public long FastRetransmits => Interlocked.Read(ref fastRetransmits);
    public long T3Expiries => Interlocked.Read(ref t3Expiries);
    public long DuplicateTsns => Interlocked.Read(ref duplicateTsns);

    /// <summary>Incoming messages discarded because they exceeded MaxReceiveMessageSize.</summary>
    public long MessagesDropped => Interlocked.Read(ref messagesDropped);
    public long ForwardTsnSent => Interlocked.Read(ref forwardTsnSent);
}
