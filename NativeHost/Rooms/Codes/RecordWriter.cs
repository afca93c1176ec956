using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureLink.Rooms.Codes;

/// <summary>Appends the record's fields: bytes, big-endian integers, length-prefixed ASCII, candidates.</summary>
internal sealed class RecordWriter
{
    private readonly List<byte> _bytes = new(160);

    public void Byte(byte value) => _bytes.Add(value);

    public void Bytes(ReadOnlySpan<byte> value)
    {
        foreach (var b in value) _bytes.Add(b);
    }

    public void UInt16(int value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        Bytes(b);
    }

    public void UInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        Bytes(b);
    }

    /// <summary>One length byte then the ASCII bytes; the caller has checked the characters.</summary>
    public void ShortAscii(string value)
    {
        Byte((byte)value.Length);
        Bytes(Encoding.ASCII.GetBytes(value));
    }

    /// <summary>Type+family byte, 4 or 16 address bytes, 2 port bytes (see docs/codes.md).</summary>
    public void Candidate(CodeCandidate c)
    {
        var v6 = c.Address.AddressFamily == AddressFamily.InterNetworkV6;
        Byte(CandidateFormat.TypeFamily(v6, c.IsServerReflexive));
        Bytes(c.Address.GetAddressBytes());
        UInt16(c.Port);
    }

    public byte[] ToArray() => [.. _bytes];
}

/// <summary>The type+family byte of a candidate: bit 0 = IPv6, bit 1 = server-reflexive, others zero.</summary>
internal static class CandidateFormat
{
    public const byte IPv6Bit = 0x01;
    public const byte ServerReflexiveBit = 0x02;
    public const byte KnownBits = IPv6Bit | ServerReflexiveBit;

    public static byte TypeFamily(bool v6, bool srflx) => (byte)((v6 ? IPv6Bit : 0) | (srflx ? ServerReflexiveBit : 0));

    /// <summary>Addresses a code never carries: unspecified, and IPv6 link-local (its scope cannot cross machines).</summary>
    public static bool IsCarriable(IPAddress a) =>
        a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
        && !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any)
        && !(a.AddressFamily == AddressFamily.InterNetworkV6 && (a.IsIPv6LinkLocal || a.ScopeId != 0));
}
