using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>A RE-CONFIG parameter (RFC 6525 §4).</summary>
public abstract record ReconfigParameter
{
    internal abstract Parameter ToParameter();
}

/// <summary>Outgoing SSN Reset Request (RFC 6525 §4.1): "I reset my outgoing streams after TSN SenderLastTsn".</summary>
public sealed record OutgoingResetRequest(uint RequestSequence, uint ResponseSequence, uint SenderLastTsn, ushort[] Streams) : ReconfigParameter
{
    internal override Parameter ToParameter()
    {
        var v = new byte[12 + 2 * Streams.Length];
        BinaryPrimitives.WriteUInt32BigEndian(v, RequestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(4), ResponseSequence);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(8), SenderLastTsn);
        for (var i = 0; i < Streams.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(12 + 2 * i), Streams[i]);
        return new Parameter(Parameter.OutgoingSsnResetRequest, v);
    }

    internal static OutgoingResetRequest Parse(byte[] v)
    {
        Chunk.Require(v.Length >= 12, "outgoing reset request too short");
        var streams = new ushort[(v.Length - 12) / 2];
        for (var i = 0; i < streams.Length; i++) streams[i] = BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(12 + 2 * i));
        return new OutgoingResetRequest(BinaryPrimitives.ReadUInt32BigEndian(v), BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(4)),
            BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(8)), streams);
    }

    public bool Equals(OutgoingResetRequest? other) => other is not null && RequestSequence == other.RequestSequence
        && ResponseSequence == other.ResponseSequence && SenderLastTsn == other.SenderLastTsn && Streams.AsSpan().SequenceEqual(other.Streams);

    public override int GetHashCode() => HashCode.Combine(RequestSequence, SenderLastTsn, Streams.Length);
}

/// <summary>Re-configuration Response (RFC 6525 §4.4).</summary>
public sealed record ReconfigResponse(uint ResponseSequence, ReconfigResult Result) : ReconfigParameter
{
    internal override Parameter ToParameter()
    {
        var v = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(v, ResponseSequence);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(4), (uint)Result);
        return new Parameter(Parameter.ReconfigResponse, v);
    }

    internal static ReconfigResponse Parse(byte[] v)
    {
        Chunk.Require(v.Length >= 8, "re-config response too short");
        return new ReconfigResponse(BinaryPrimitives.ReadUInt32BigEndian(v), (ReconfigResult)BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(4)));
    }
}

/// <summary>Any other RE-CONFIG parameter (incoming reset, TSN reset, add streams): kept raw and refused.</summary>
public sealed record OtherReconfigParameter(ushort Type, byte[] Value) : ReconfigParameter
{
    internal override Parameter ToParameter() => new(Type, Value);

    /// <summary>Every request parameter starts with its request sequence number.</summary>
    public uint? RequestSequence => Value.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(Value) : null;
}

/// <summary>RFC 6525 §4.4 result codes.</summary>
public enum ReconfigResult : uint
{
    SuccessNothingToDo = 0,
    SuccessPerformed = 1,
    Denied = 2,
    ErrorWrongSsn = 3,
    ErrorRequestAlreadyInProgress = 4,
    ErrorBadSequenceNumber = 5,
    InProgress = 6,
}

/// <summary>RE-CONFIG (RFC 6525 §3.1): one or two re-configuration parameters.</summary>
public sealed class ReconfigChunk(List<ReconfigParameter> parameters) : Chunk
{
    public List<ReconfigParameter> Parameters { get; } = parameters;
    public override ChunkType Type => ChunkType.Reconfig;
    public override int ValueLength => Parameter.ListLength(Parameters.ConvertAll(p => p.ToParameter()));
    public override void WriteValue(Span<byte> destination) => Parameter.WriteList(Parameters.ConvertAll(p => p.ToParameter()), destination);

    internal static ReconfigChunk ParseValue(ReadOnlySpan<byte> v)
    {
        var list = Parameter.ParseList(v);
        Require(list.Count >= 1, "RE-CONFIG without parameters");
        return new ReconfigChunk(list.ConvertAll<ReconfigParameter>(p => p.Type switch
        {
            Parameter.OutgoingSsnResetRequest => OutgoingResetRequest.Parse(p.Value),
            Parameter.ReconfigResponse => ReconfigResponse.Parse(p.Value),
            _ => new OtherReconfigParameter(p.Type, p.Value),
        }));
    }
}
