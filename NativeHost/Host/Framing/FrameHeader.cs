using System.Buffers.Binary;

namespace SecureLink.Host.Framing;

/// <summary>
/// The 4-byte length prefix. Native messaging says "native byte order", so on a big-endian
/// machine the browser writes big-endian; we follow the machine rather than assume little-endian.
/// </summary>
public static class FrameHeader
{
    /// <summary>Reads the payload length from the first four bytes of <paramref name="header"/>.</summary>
    public static uint Read(ReadOnlySpan<byte> header) =>
        BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt32LittleEndian(header)
            : BinaryPrimitives.ReadUInt32BigEndian(header);

    /// <summary>Writes <paramref name="length"/> into the first four bytes of <paramref name="header"/>.</summary>
    public static void Write(Span<byte> header, uint length)
    {
        if (BitConverter.IsLittleEndian)
            BinaryPrimitives.WriteUInt32LittleEndian(header, length);
        else
            BinaryPrimitives.WriteUInt32BigEndian(header, length);
    }
}
