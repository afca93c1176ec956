namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>ABORT (RFC 9260 §3.3.7). T flag: the verification tag is the sender's own (reflected) tag.</summary>
public sealed class AbortChunk(List<ErrorCause> causes, bool tagReflected = false) : Chunk
{
    public List<ErrorCause> Causes { get; } = causes;
    public bool TagReflected { get; } = tagReflected;
    public override ChunkType Type => ChunkType.Abort;
    public override byte Flags => (byte)(TagReflected ? 1 : 0);
    public override int ValueLength => ErrorCause.ListLength(Causes);
    public override void WriteValue(Span<byte> destination) => ErrorCause.WriteList(Causes, destination);
}

/// <summary>ERROR (RFC 9260 §3.3.10): parsed and counted; none of its causes is fatal for us.</summary>
public sealed class ErrorChunk(List<ErrorCause> causes) : Chunk
{
    public List<ErrorCause> Causes { get; } = causes;
    public override ChunkType Type => ChunkType.Error;
    public override int ValueLength => ErrorCause.ListLength(Causes);
    public override void WriteValue(Span<byte> destination) => ErrorCause.WriteList(Causes, destination);
}
