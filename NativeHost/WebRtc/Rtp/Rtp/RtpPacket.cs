using System.Buffers.Binary;

namespace SecureLink.WebRtc.Rtp;

/// <summary>
/// An RTP packet (RFC 3550 §5.1) as an object, for building packets to send and for code that
/// wants the parts by name. The hot receive path reads <see cref="RtpHeader"/> instead, which
/// allocates nothing.
/// </summary>
public sealed class RtpPacket
{
    public bool Marker { get; set; }

    /// <summary>0–127. Under rtcp-mux (RFC 5761 §4) avoid 64–95, which look like RTCP.</summary>
    public byte PayloadType { get; set; }
    public ushort SequenceNumber { get; set; }
    public uint Timestamp { get; set; }
    public uint Ssrc { get; set; }
    public IReadOnlyList<uint> Csrcs { get; set; } = [];

    /// <summary>RFC 8285 elements; written in the one-byte form when they fit, else two-byte.</summary>
    public IReadOnlyList<RtpHeaderExtension> Extensions { get; set; } = [];

    /// <summary>A non-RFC 8285 extension seen on parse (profile, data), kept so it can be written back.</summary>
    public (ushort Profile, byte[] Data)? RawExtension { get; set; }

    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>Padding bytes to append (0 for none, else 1–255, counting the count byte).</summary>
    public int PaddingLength { get; set; }

    private int ExtensionBytes =>
        Extensions.Count > 0 ? 4 + RtpHeaderExtensions.MeasureData(Extensions)
        : RawExtension is { } raw ? 4 + raw.Data.Length : 0;

    /// <summary>Size on the wire.</summary>
    public int Length => RtpHeader.FixedLength + 4 * Csrcs.Count + ExtensionBytes + Payload.Length + PaddingLength;

    /// <summary>Writes the packet; returns bytes written. Throws on fields the format cannot carry.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (PayloadType > 127) throw new InvalidOperationException("payload type must be 0..127");
        if (Csrcs.Count > 15) throw new InvalidOperationException("at most 15 CSRCs");
        if (PaddingLength is < 0 or > 255) throw new InvalidOperationException("padding must be 0..255");
        if (RawExtension is { } r && r.Data.Length % 4 != 0) throw new InvalidOperationException("raw extension data must be a multiple of 4 bytes");
        var length = Length;
        if (destination.Length < length) throw new ArgumentException("destination too small", nameof(destination));
        var hasExtension = Extensions.Count > 0 || RawExtension is not null;
        destination[0] = (byte)(0x80 | (PaddingLength > 0 ? 0x20 : 0) | (hasExtension ? 0x10 : 0) | Csrcs.Count);
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        var i = RtpHeader.FixedLength;
        foreach (var csrc in Csrcs) { BinaryPrimitives.WriteUInt32BigEndian(destination[i..], csrc); i += 4; }
        if (Extensions.Count > 0) i += RtpHeaderExtensions.Write(Extensions, destination[i..]);
        else if (RawExtension is { } raw)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[i..], raw.Profile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(i + 2)..], (ushort)(raw.Data.Length / 4));
            raw.Data.CopyTo(destination[(i + 4)..]);
            i += 4 + raw.Data.Length;
        }
        Payload.Span.CopyTo(destination[i..]);
        i += Payload.Length;
        if (PaddingLength > 0)
        {
            destination[i..(i + PaddingLength - 1)].Clear();
            destination[i + PaddingLength - 1] = (byte)PaddingLength;
            i += PaddingLength;
        }
        return i;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Parses a whole packet. False on anything RFC 3550 does not allow (wrong version, CSRCs or
    /// extension past the end, bad padding, malformed RFC 8285 elements). Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket? packet)
    {
        packet = null;
        if (!RtpHeader.TryParse(data, out var h)) return false;
        var csrcs = new uint[h.CsrcCount];
        for (var k = 0; k < csrcs.Length; k++) csrcs[k] = h.GetCsrc(data, k);
        var extensions = new List<RtpHeaderExtension>();
        (ushort, byte[])? raw = null;
        if (h.HasExtension)
        {
            var extData = data.Slice(h.ExtensionOffset, h.ExtensionLength);
            if (RtpHeaderExtensions.IsRfc8285(h.ExtensionProfile))
            {
                if (!RtpHeaderExtensions.TryParse(h.ExtensionProfile, extData, extensions)) return false;
                // An RFC 8285 extension holding only padding would vanish on rewrite; keep it raw.
                if (extensions.Count == 0) raw = (h.ExtensionProfile, extData.ToArray());
            }
            else raw = (h.ExtensionProfile, extData.ToArray());
        }
        packet = new RtpPacket
        {
            Marker = h.Marker,
            PayloadType = h.PayloadType,
            SequenceNumber = h.SequenceNumber,
            Timestamp = h.Timestamp,
            Ssrc = h.Ssrc,
            Csrcs = csrcs,
            Extensions = extensions,
            RawExtension = raw,
            Payload = h.GetPayload(data).ToArray(),
            PaddingLength = h.PaddingLength,
        };
        return true;
    }
}
