using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>An error cause carried by ABORT and ERROR chunks (RFC 9260 §3.3.10).</summary>
public sealed record ErrorCause(ushort Code, byte[] Info)
{
    public const ushort InvalidStreamIdentifier = 1;
    public const ushort MissingMandatoryParameter = 2;
    public const ushort StaleCookie = 3;
    public const ushort OutOfResource = 4;
    public const ushort UnrecognizedChunkType = 6;
    public const ushort InvalidMandatoryParameter = 7;
    public const ushort UnrecognizedParameters = 8;
    public const ushort NoUserData = 9;
    public const ushort ProtocolViolation = 13;
    public const ushort UserInitiatedAbort = 12;

    public int PaddedLength => Chunk.Pad(4 + Info.Length);

    public static List<ErrorCause> ParseList(ReadOnlySpan<byte> data) =>
        Parameter.ParseList(data).ConvertAll(p => new ErrorCause(p.Type, p.Value));

    public static int ListLength(IReadOnlyList<ErrorCause> causes)
    {
        var n = 0;
        foreach (var c in causes) n += c.PaddedLength;
        return n;
    }

    public static void WriteList(IReadOnlyList<ErrorCause> causes, Span<byte> destination)
    {
        var offset = 0;
        foreach (var c in causes) offset += new Parameter(c.Code, c.Info).WriteTo(destination[offset..]);
    }

    public override string ToString() => Code switch
    {
        UserInitiatedAbort => "user initiated abort",
        ProtocolViolation => "protocol violation",
        StaleCookie => "stale cookie",
        OutOfResource => "out of resource",
        _ => $"cause {Code}",
    };
}
