using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SecureLink.WebRtc.Sctp.Packet;

/// <summary>
/// CRC32c (Castagnoli, reflected polynomial 0x82F63B78), the SCTP checksum (RFC 9260 Appendix B).
/// Uses the CPU's CRC32C instruction where present (SSE4.2 / ARMv8), because the checksum
/// covers every byte of every packet and is the hottest loop of bulk transfer.
/// </summary>
public static class Crc32c
{
    private const uint Polynomial = 0x82F63B78;
    private static readonly uint[] Table = BuildTable();

    /// <summary>Checksum of <paramref name="data"/> (initial value all ones, final complement).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFF, data);

    /// <summary>The same result computed without CPU intrinsics, so tests can cover the portable path.</summary>
    public static uint ComputeSoftware(ReadOnlySpan<byte> data) => ~UpdateSoftware(0xFFFFFFFF, data);

    /// <summary>Feeds <paramref name="data"/> into a running (not yet complemented) CRC state.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            while (data.Length >= 8)
            {
                crc = (uint)Sse42.X64.Crc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            foreach (var b in data) crc = Sse42.Crc32(crc, b);
            return crc;
        }
        if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            foreach (var b in data) crc = Crc32.ComputeCrc32C(crc, b);
            return crc;
        }
        return UpdateSoftware(crc, data);
    }

    private static uint UpdateSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    /// <summary>The SCTP packet checksum: CRC32c over the packet with the checksum field taken as zero.</summary>
    public static uint ComputePacketChecksum(ReadOnlySpan<byte> packet)
    {
        Span<byte> zero = stackalloc byte[4];
        zero.Clear();
        var crc = Update(0xFFFFFFFF, packet[..8]);
        crc = Update(crc, zero);
        crc = Update(crc, packet[12..]);
        return ~crc;
    }

    /// <summary>
    /// Where the checksum goes: RFC 9260 Appendix B transmits the reflected CRC least significant
    /// byte first, which is writing the computed value little-endian into bytes 8..11.
    /// </summary>
    public static void WritePacketChecksum(Span<byte> packet) =>
        BinaryPrimitives.WriteUInt32LittleEndian(packet[8..12], ComputePacketChecksum(packet));

    /// <summary>True when bytes 8..11 hold the right checksum.</summary>
    public static bool VerifyPacketChecksum(ReadOnlySpan<byte> packet) =>
        packet.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(packet[8..12]) == ComputePacketChecksum(packet);

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
