using System.Buffers.Binary;

namespace SecureLink.WebRtc.Rtp;

/// <summary>
/// The fixed part of an RTP packet (RFC 3550 §5.1) as read from the wire, with the offsets a
/// receiver needs: where the header extension sits, where the payload starts and how much padding
/// ends the packet. Reading allocates nothing, so SRTP can use it on every packet.
/// </summary>
public readonly record struct RtpHeader
{
    /// <summary>Length of the fixed header before CSRCs.</summary>
    public const int FixedLength = 12;

    public bool Padding { get; init; }
    public bool HasExtension { get; init; }
    public int CsrcCount { get; init; }
    public bool Marker { get; init; }
    public byte PayloadType { get; init; }
    public ushort SequenceNumber { get; init; }
    public uint Timestamp { get; init; }
    public uint Ssrc { get; init; }

    /// <summary>The "defined by profile" word of the extension: 0xBEDE one-byte, 0x100x two-byte (RFC 8285).</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>Offset of the extension data (after its 4-byte header), or 0 without an extension.</summary>
    public int ExtensionOffset { get; init; }

    /// <summary>Length in bytes of the extension data (a multiple of 4).</summary>
    public int ExtensionLength { get; init; }

    /// <summary>Everything before the payload: fixed header, CSRCs and extension.</summary>
    public int HeaderLength { get; init; }

    /// <summary>Bytes of padding at the end (the last byte's value), 0 without the P bit.</summary>
    public int PaddingLength { get; init; }

    /// <summary>
    /// Reads the header of <paramref name="packet"/>. Checks version 2, that CSRCs and extension fit,
    /// and, when <paramref name="checkPadding"/> is set, that the padding count is non-zero and fits.
    /// SRTP receivers read an encrypted packet with <paramref name="checkPadding"/> false, because the
    /// padding count is inside the ciphertext there. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header, bool checkPadding = true)
    {
        header = default;
        if (packet.Length < FixedLength) return false;
        var b0 = packet[0];
        if (b0 >> 6 != 2) return false;
        var padding = (b0 & 0x20) != 0;
        var hasExtension = (b0 & 0x10) != 0;
        var csrcCount = b0 & 0x0F;
        var length = FixedLength + 4 * csrcCount;
        if (packet.Length < length) return false;
        ushort profile = 0;
        int extOffset = 0, extLength = 0;
        if (hasExtension)
        {
            if (packet.Length < length + 4) return false;
            profile = BinaryPrimitives.ReadUInt16BigEndian(packet[length..]);
            extLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
            extOffset = length + 4;
            length = extOffset + extLength;
            if (packet.Length < length) return false;
        }
        var paddingLength = 0;
        if (padding && checkPadding)
        {
            paddingLength = packet[^1];
            if (paddingLength == 0 || length + paddingLength > packet.Length) return false;
        }
        header = new RtpHeader
        {
            Padding = padding,
            HasExtension = hasExtension,
            CsrcCount = csrcCount,
            Marker = (packet[1] & 0x80) != 0,
            PayloadType = (byte)(packet[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            ExtensionProfile = profile,
            ExtensionOffset = extOffset,
            ExtensionLength = extLength,
            HeaderLength = length,
            PaddingLength = paddingLength,
        };
        return true;
    }

    /// <summary>The CSRC at <paramref name="index"/> of a packet whose header this is.</summary>
    public uint GetCsrc(ReadOnlySpan<byte> packet, int index)
    {
        if ((uint)index >= (uint)CsrcCount) throw new ArgumentOutOfRangeException(nameof(index));
        return BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedLength + 4 * index)..]);
    }

    /// <summary>The payload of a packet whose header this is (padding removed).</summary>
    public ReadOnlySpan<byte> GetPayload(ReadOnlySpan<byte> packet) =>
        packet[HeaderLength..(packet.Length - PaddingLength)];
}
