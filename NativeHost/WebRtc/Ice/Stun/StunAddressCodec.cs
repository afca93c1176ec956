using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SecureLink.WebRtc.Stun;

/// <summary>
/// The shared value layout of MAPPED-ADDRESS and XOR-MAPPED-ADDRESS (RFC 8489 §14.1–14.2):
/// reserved byte, family (1 = IPv4, 2 = IPv6), port, address. The XOR form masks the port
/// with the top of the magic cookie and the address with cookie ‖ transaction id, so
/// middleboxes that rewrite addresses in payloads leave it alone.
/// </summary>
internal static class StunAddressCodec
{
    public static byte[] Encode(IPEndPoint endPoint, bool xor, ReadOnlySpan<byte> transactionId)
    {
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var raw = address.GetAddressBytes();
        var b = new byte[4 + raw.Length];
        b[1] = address.AddressFamily == AddressFamily.InterNetwork ? (byte)1 : (byte)2;
        var port = (ushort)endPoint.Port;
        if (xor) port ^= (ushort)(StunMessage.MagicCookie >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), port);
        if (xor) Mask(raw, transactionId);
        raw.CopyTo(b, 4);
        return b;
    }

    public static IPEndPoint Decode(ReadOnlySpan<byte> value, bool xor, ReadOnlySpan<byte> transactionId, string name)
    {
        if (value.Length < 4) throw new StunFormatException($"{name} is {value.Length} bytes; too short for an address.");
        var length = value[1] switch
        {
            1 => 4,
            2 => 16,
            var f => throw new StunFormatException($"{name} has unknown address family {f}."),
        };
        if (value.Length != 4 + length) throw new StunFormatException($"{name} for family {value[1]} must be {4 + length} bytes, not {value.Length}.");
        var port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        var raw = value.Slice(4, length).ToArray();
        if (xor)
        {
            port ^= (ushort)(StunMessage.MagicCookie >> 16);
            Mask(raw, transactionId);
        }
        return new IPEndPoint(new IPAddress(raw), port);
    }

    private static void Mask(byte[] raw, ReadOnlySpan<byte> transactionId)
    {
        Span<byte> key = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(key, StunMessage.MagicCookie);
        transactionId.CopyTo(key[4..]);
        for (var i = 0; i < raw.Length; i++) raw[i] ^= key[i];
    }
}
