using System.Buffers.Binary;
using System.Text;

namespace SecureLink.WebRtc.Rtcp;

/// <summary>One SDES item (RFC 3550 §6.5): type 1 is CNAME, the only one WebRTC needs.</summary>
public sealed record RtcpSdesItem(byte Type, string Text)
{
    public const byte CName = 1;
}

/// <summary>One SDES chunk: a source and its items.</summary>
public sealed record RtcpSdesChunk(uint Ssrc, IReadOnlyList<RtcpSdesItem> Items)
{
    internal int Length
    {
        get
        {
            var n = 4;
            foreach (var item in Items) n += 2 + Encoding.UTF8.GetByteCount(item.Text);
            return (n + 1 + 3) & ~3; // the terminating null item, then pad to a word
        }
    }
}

/// <summary>SDES (RFC 3550 §6.5): names for sources; WebRTC sends a CNAME in every compound packet.</summary>
public sealed class RtcpSourceDescription : RtcpPacket
{
    public IReadOnlyList<RtcpSdesChunk> Chunks { get; init; } = [];

    /// <summary>An SDES with one chunk holding just a CNAME.</summary>
    public static RtcpSourceDescription ForCName(uint ssrc, string cname) =>
        new() { Chunks = [new RtcpSdesChunk(ssrc, [new RtcpSdesItem(RtcpSdesItem.CName, cname)])] };

    /// <summary>The CNAME given for <paramref name="ssrc"/>, if any.</summary>
    public string? GetCName(uint ssrc) =>
        Chunks.Where(c => c.Ssrc == ssrc).SelectMany(c => c.Items).FirstOrDefault(i => i.Type == RtcpSdesItem.CName)?.Text;

    public override byte PacketType => RtcpPacketType.SourceDescription;
    public override int Length => 4 + Chunks.Sum(c => c.Length);

    public override int WriteTo(Span<byte> d)
    {
        if (Chunks.Count > 31) throw new InvalidOperationException("at most 31 SDES chunks");
        var length = Length;
        EnsureRoom(d, length);
        RtcpHeader.Write(d, Chunks.Count, PacketType, length);
        var i = 4;
        foreach (var chunk in Chunks)
        {
            var start = i;
            BinaryPrimitives.WriteUInt32BigEndian(d[i..], chunk.Ssrc);
            i += 4;
            foreach (var item in chunk.Items)
            {
                var n = Encoding.UTF8.GetByteCount(item.Text);
                if (item.Type == 0 || n > 255) throw new InvalidOperationException("SDES item type 0 or text over 255 bytes");
                d[i] = item.Type;
                d[i + 1] = (byte)n;
                Encoding.UTF8.GetBytes(item.Text, d[(i + 2)..]);
                i += 2 + n;
            }
            var end = start + chunk.Length;
            d[i..end].Clear();
            i = end;
        }
        return length;
    }

    internal static RtcpSourceDescription? TryRead(RtcpHeader h, ReadOnlySpan<byte> body)
    {
        var chunks = new List<RtcpSdesChunk>(h.Count);
        var i = 0;
        for (var c = 0; c < h.Count; c++)
        {
            if (i + 4 > body.Length) return null;
            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(body[i..]);
            i += 4;
            var items = new List<RtcpSdesItem>();
            while (true)
            {
                if (i >= body.Length) return null;
                var type = body[i];
                if (type == 0)
                {
                    // Null item ends the chunk; padding runs to the next word boundary.
                    i = (i + 1 + 3) & ~3;
                    break;
                }
                if (i + 2 > body.Length || i + 2 + body[i + 1] > body.Length) return null;
                var text = body.Slice(i + 2, body[i + 1]);
                items.Add(new RtcpSdesItem(type, Encoding.UTF8.GetString(text)));
                i += 2 + text.Length;
            }
            chunks.Add(new RtcpSdesChunk(ssrc, items));
        }
        return new RtcpSourceDescription { Chunks = chunks };
    }
}
