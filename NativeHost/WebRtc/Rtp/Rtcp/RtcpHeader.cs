using System.Buffers.Binary;

namespace SecureLink.WebRtc.Rtcp;

/// <summary>
/// The 4-byte common header of every RTCP packet (RFC 3550 §6.4.1): version, padding, a 5-bit
/// count whose meaning depends on the type, the type, and the length in 32-bit words minus one.
/// </summary>
public readonly record struct RtcpHeader(bool Padding, int Count, byte PacketType, int LengthInBytes)
{
    public const int Size = 4;

    /// <summary>Reads a header whose whole packet fits in <paramref name="data"/>. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpHeader header)
    {
        header = default;
        if (data.Length < Size || data[0] >> 6 != 2) return false;
        var length = (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 1) * 4;
        if (length > data.Length) return false;
        header = new RtcpHeader((data[0] & 0x20) != 0, data[0] & 0x1F, data[1], length);
        return true;
    }

    /// <summary>Writes a header for a packet of <paramref name="lengthInBytes"/> (a multiple of 4).</summary>
    public static void Write(Span<byte> destination, int count, byte packetType, int lengthInBytes, bool padding = false)
    {
        if (count is < 0 or > 31) throw new ArgumentOutOfRangeException(nameof(count), "RTCP count is 5 bits");
        if (lengthInBytes % 4 != 0 || lengthInBytes < 4 || lengthInBytes > 65536 * 4) throw new ArgumentOutOfRangeException(nameof(lengthInBytes));
        destination[0] = (byte)(0x80 | (padding ? 0x20 : 0) | count);
        destination[1] = packetType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(lengthInBytes / 4 - 1));
    }
}
