using System.Buffers.Binary;

namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>
/// A TLV parameter (INIT/INIT-ACK variable parameters, RE-CONFIG parameters, error causes'
/// nested params): type, length, value, padded to 4 bytes (RFC 9260 §3.2.1).
/// </summary>
public sealed record Parameter(ushort Type, byte[] Value)
{
    public const ushort HeartbeatInfo = 1;
    public const ushort StateCookie = 7;
    public const ushort UnrecognizedParameter = 8;
    public const ushort CookiePreservative = 9;
    public const ushort SupportedAddressTypes = 12;
    public const ushort OutgoingSsnResetRequest = 13;
    public const ushort IncomingSsnResetRequest = 14;
    public const ushort ReconfigResponse = 16;
    public const ushort SupportedExtensions = 0x8008;
    public const ushort ForwardTsnSupported = 0xC000;

    public int PaddedLength => Chunk.Pad(4 + Value.Length);

    public int WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, Type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)(4 + Value.Length)));
        Value.CopyTo(destination[4..]);
        var padded = PaddedLength;
        destination[(4 + Value.Length)..padded].Clear();
        return padded;
    }

    /// <summary>Reads a list of parameters filling <paramref name="data"/>; the last one may omit its padding.</summary>
    public static List<Parameter> ParseList(ReadOnlySpan<byte> data)
    {
        var list = new List<Parameter>();
        while (data.Length > 0)
        {
            Chunk.Require(data.Length >= 4, "truncated parameter header");
            var type = BinaryPrimitives.ReadUInt16BigEndian(data);
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            Chunk.Require(length >= 4 && length <= data.Length, "parameter length out of range");
            list.Add(new Parameter(type, data[4..length].ToArray()));
            data = data[Math.Min(Chunk.Pad(length), data.Length)..];
        }
        return list;
    }

    public static int ListLength(IReadOnlyList<Parameter> list)
    {
        var n = 0;
        foreach (var p in list) n += p.PaddedLength;
        return n;
    }

    public static int WriteList(IReadOnlyList<Parameter> list, Span<byte> destination)
    {
        var offset = 0;
        foreach (var p in list) offset += p.WriteTo(destination[offset..]);
        return offset;
    }

    /// <summary>RFC 9260 §3.2.1: the top bit of an unknown parameter type says skip it and go on; clear means stop.</summary>
    public static bool SkipUnknown(ushort type) => (type & 0x8000) != 0;
}
