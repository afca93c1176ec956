namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>HEARTBEAT / HEARTBEAT-ACK (RFC 9260 §3.3.5-6): the ack echoes the sender's Heartbeat Info unchanged.</summary>
public sealed class HeartbeatChunk(bool isAck, byte[] info) : Chunk
{
    public bool IsAck { get; } = isAck;

    /// <summary>The whole parameter list as received (a Heartbeat Info TLV), echoed byte for byte.</summary>
    public byte[] Info { get; } = info;

    public override ChunkType Type => IsAck ? ChunkType.HeartbeatAck : ChunkType.Heartbeat;
    public override int ValueLength => Info.Length;
    public override void WriteValue(Span<byte> destination) => Info.CopyTo(destination);

    internal static HeartbeatChunk ParseValue(bool isAck, ReadOnlySpan<byte> v)
    {
        var list = Parameter.ParseList(v);
        Require(list.Count >= 1 && list[0].Type == Parameter.HeartbeatInfo, "HEARTBEAT without Heartbeat Info");
        return new HeartbeatChunk(isAck, v.ToArray());
    }
}
