using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>
/// INIT (RFC 9260 §3.3.2) and INIT-ACK (§3.3.3): same fixed fields, then TLV parameters.
/// INIT-ACK must carry a State Cookie parameter.
/// </summary>
public sealed class InitChunk(bool isAck, uint initiateTag, uint advertisedReceiverWindow, ushort outboundStreams,
    ushort inboundStreams, uint initialTsn, List<Parameter> parameters) : Chunk
{
    public bool IsAck { get; } = isAck;
    public uint InitiateTag { get; } = initiateTag;
    public uint AdvertisedReceiverWindow { get; } = advertisedReceiverWindow;
    public ushort OutboundStreams { get; } = outboundStreams;
    public ushort InboundStreams { get; } = inboundStreams;
    public uint InitialTsn { get; } = initialTsn;
    public List<Parameter> Parameters { get; } = parameters;

    public override ChunkType Type => IsAck ? ChunkType.InitAck : ChunkType.Init;
    public override int ValueLength => 16 + Parameter.ListLength(Parameters);

    public override void WriteValue(Span<byte> d)
    {
        BinaryPrimitives.WriteUInt32BigEndian(d, InitiateTag);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], AdvertisedReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(d[8..], OutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(d[10..], InboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(d[12..], InitialTsn);
        Parameter.WriteList(Parameters, d[16..]);
    }

    /// <summary>The State Cookie parameter's value, if present.</summary>
    public byte[]? StateCookie => Find(Parameter.StateCookie)?.Value;

    /// <summary>Chunk types listed in the Supported Extensions parameter (RFC 5061 §4.2.7).</summary>
    public IReadOnlyList<byte> SupportedExtensions => Find(Parameter.SupportedExtensions)?.Value ?? [];

    /// <summary>True when the peer can take FORWARD-TSN (either way of saying so).</summary>
    public bool SupportsForwardTsn =>
        Find(Parameter.ForwardTsnSupported) is not null || SupportedExtensions.Contains((byte)ChunkType.ForwardTsn);

    /// <summary>True when the peer can take RE-CONFIG (stream reset, needed to close data channels).</summary>
    public bool SupportsReconfig => SupportedExtensions.Contains((byte)ChunkType.Reconfig);

    private Parameter? Find(ushort type)
    {
        foreach (var p in Parameters)
        {
            if (p.Type == type) return p;
        }
        return null;
    }

    internal static InitChunk ParseValue(bool isAck, ReadOnlySpan<byte> v)
    {
        Require(v.Length >= 16, "INIT too short");
        var tag = BinaryPrimitives.ReadUInt32BigEndian(v);
        var os = BinaryPrimitives.ReadUInt16BigEndian(v[8..]);
        var mis = BinaryPrimitives.ReadUInt16BigEndian(v[10..]);
        // RFC 9260 §3.3.2: a zero tag or zero stream counts are invalid mandatory parameters.
        Require(tag != 0, "INIT with zero initiate tag");
        Require(os != 0 && mis != 0, "INIT with zero streams");
        return new InitChunk(isAck, tag, BinaryPrimitives.ReadUInt32BigEndian(v[4..]), os, mis,
            BinaryPrimitives.ReadUInt32BigEndian(v[12..]), ApplyUnknownRules(Parameter.ParseList(v[16..])));
    }

    // RFC 9260 §3.2.1: at an unknown parameter whose top bit is clear, stop processing parameters.
    private static List<Parameter> ApplyUnknownRules(List<Parameter> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (!IsKnown(list[i].Type) && !Parameter.SkipUnknown(list[i].Type))
            {
                list.RemoveRange(i, list.Count - i);
                break;
            }
        }
        return list;
    }

    private static bool IsKnown(ushort type) => type is 5 or 6 or 11 or Parameter.StateCookie or Parameter.CookiePreservative
        or Parameter.SupportedAddressTypes or Parameter.UnrecognizedParameter;
}
