using System.Buffers.Binary;
using System.Text;

namespace SecureLink.WebRtc.Rtcp;

/// <summary>BYE (RFC 3550 §6.6): sources leaving, with an optional reason.</summary>
public sealed class RtcpBye : RtcpPacket
{
    public IReadOnlyList<uint> Ssrcs { get; init; } = [];
    public string? Reason { get; init; }

    public override byte PacketType => RtcpPacketType.Goodbye;

    public override int Length =>
        4 + 4 * Ssrcs.Count + (Reason is null ? 0 : (1 + Encoding.UTF8.GetByteCount(Reason) + 3) & ~3);

    public override int WriteTo(Span<byte> d)
    {
        if (Ssrcs.Count > 31) throw new InvalidOperationException("at most 31 sources in one BYE");
        var length = Length;
        EnsureRoom(d, length);
        RtcpHeader.Write(d, Ssrcs.Count, PacketType, length);
        var i = 4;
        foreach (var s in Ssrcs) { BinaryPrimitives.WriteUInt32BigEndian(d[i..], s); i += 4; }
        if (Reason is not null)
        {
            var n = Encoding.UTF8.GetByteCount(Reason);
            if (n > 255) throw new InvalidOperationException("BYE reason over 255 bytes");
            d[i] = (byte)n;
            Encoding.UTF8.GetBytes(Reason, d[(i + 1)..]);
            d[(i + 1 + n)..length].Clear();
        }
        return length;
    }

    internal static RtcpBye? TryRead(RtcpHeader h, ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 * h.Count) return null;
        var ssrcs = new uint[h.Count];
        for (var k = 0; k < ssrcs.Length; k++) ssrcs[k] = BinaryPrimitives.ReadUInt32BigEndian(body[(4 * k)..]);
        string? reason = null;
        var rest = body[(4 * h.Count)..];
        if (rest.Length > 0)
        {
            if (1 + rest[0] > rest.Length) return null;
            reason = Encoding.UTF8.GetString(rest.Slice(1, rest[0]));
        }
        return new RtcpBye { Ssrcs = ssrcs, Reason = reason };
    }
}
