namespace SecureLink.WebRtc.Rtp;

/// <summary>
/// RFC 8285 header extension elements: the one-byte form (profile 0xBEDE) and the two-byte form
/// (profile 0x100 followed by 4 application bits). Other profiles are RFC 3550 extensions we do not
/// understand; readers skip them whole, which <see cref="RtpHeader"/> already allows.
/// </summary>
public static class RtpHeaderExtensions
{
    public const ushort OneByteProfile = 0xBEDE;
    public const ushort TwoByteProfile = 0x1000;

    /// <summary>True when <paramref name="profile"/> is one of the two RFC 8285 forms.</summary>
    public static bool IsRfc8285(ushort profile) => profile == OneByteProfile || (profile & 0xFFF0) == TwoByteProfile;

    /// <summary>
    /// Reads the elements of extension <paramref name="data"/> into <paramref name="into"/>.
    /// Padding bytes (0, and in the one-byte form any id-0 byte) are skipped; in the one-byte form id 15 ends parsing, as §4.2 says.
    /// False (and <paramref name="into"/> partly filled) when an element runs past the end or the
    /// profile is not RFC 8285. Never throws.
    /// </summary>
    public static bool TryParse(ushort profile, ReadOnlySpan<byte> data, ICollection<RtpHeaderExtension> into)
    {
        var oneByte = profile == OneByteProfile;
        if (!oneByte && (profile & 0xFFF0) != TwoByteProfile) return false;
        var i = 0;
        while (i < data.Length)
        {
            var b = data[i];
            if (b == 0) { i++; continue; }
            int id, length;
            if (oneByte)
            {
                id = b >> 4;
                length = (b & 0x0F) + 1;
                if (id == 15) return true;
                // Id 0 is reserved for padding (RFC 8285 §4.2) and carries no element even with
                // non-zero length bits; reading it as one would accept what we could never write back.
                if (id == 0) { i++; continue; }
                i++;
            }
            else
            {
                if (i + 1 >= data.Length) return false;
                id = b;
                length = data[i + 1];
                i += 2;
            }
            if (i + length > data.Length) return false;
            into.Add(new RtpHeaderExtension((byte)id, data.Slice(i, length).ToArray()));
            i += length;
        }
        return true;
    }

    /// <summary>True when every element fits the one-byte form (id 1–14, 1–16 bytes).</summary>
    public static bool FitsOneByte(IReadOnlyList<RtpHeaderExtension> elements)
    {
        foreach (var e in elements)
            if (e.Id is < 1 or > 14 || e.Data.Length is < 1 or > 16) return false;
        return true;
    }

    /// <summary>Bytes the elements take on the wire, padded to 4, without the 4-byte extension header.</summary>
    public static int MeasureData(IReadOnlyList<RtpHeaderExtension> elements)
    {
        var oneByte = FitsOneByte(elements);
        var n = 0;
        foreach (var e in elements) n += (oneByte ? 1 : 2) + e.Data.Length;
        return (n + 3) & ~3;
    }

    /// <summary>
    /// Writes the 4-byte extension header and the elements; returns bytes written. Chooses the
    /// one-byte form when it fits, else two-byte. Throws on elements no form can carry.
    /// </summary>
    public static int Write(IReadOnlyList<RtpHeaderExtension> elements, Span<byte> destination)
    {
        var oneByte = FitsOneByte(elements);
        var dataLength = MeasureData(elements);
        if (dataLength / 4 > ushort.MaxValue) throw new ArgumentException("header extension too long", nameof(elements));
        var total = 4 + dataLength;
        if (destination.Length < total) throw new ArgumentException("destination too small", nameof(destination));
        var profile = oneByte ? OneByteProfile : TwoByteProfile;
        destination[0] = (byte)(profile >> 8);
        destination[1] = (byte)profile;
        destination[2] = (byte)(dataLength / 4 >> 8);
        destination[3] = (byte)(dataLength / 4);
        var i = 4;
        foreach (var e in elements)
        {
            if (oneByte) destination[i++] = (byte)(e.Id << 4 | (e.Data.Length - 1));
            else
            {
                if (e.Id == 0 || e.Data.Length > 255) throw new ArgumentException("extension element id 0 or data over 255 bytes", nameof(elements));
                destination[i++] = e.Id;
                destination[i++] = (byte)e.Data.Length;
            }
            e.Data.CopyTo(destination[i..]);
            i += e.Data.Length;
        }
        destination[i..total].Clear();
        return total;
    }
}
