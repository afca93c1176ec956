using System.Buffers.Binary;

namespace SecureLink.Fuzz.Tests.Harnesses.Dtls;

/// <summary>
/// How a DTLS harness input carries several datagrams: each as a 2-byte big-endian length and
/// its bytes; whatever does not fit that framing (a mutated length) is one last datagram, so every
/// input still reaches the DTLS code.
/// </summary>
public static class DatagramList
{
    public static List<byte[]> Split(ReadOnlySpan<byte> data)
    {
        var list = new List<byte[]>();
        while (data.Length >= 2)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(data);
            if (length == 0 || length > data.Length - 2) break;
            list.Add(data.Slice(2, length).ToArray());
            data = data[(2 + length)..];
        }
        if (!data.IsEmpty) list.Add(data.ToArray());
        return list;
    }

    public static byte[] Join(IEnumerable<byte[]> datagrams)
    {
        var output = new List<byte>();
        foreach (var d in datagrams)
        {
            output.Add((byte)(d.Length >> 8));
            output.Add((byte)d.Length);
            output.AddRange(d);
        }
        return [.. output];
    }

    /// <summary>
    /// The first certificate in a DTLS Certificate handshake message found in the datagrams, or
    /// null. The handshake harnesses expect the peer's fingerprint to be that certificate's, so a
    /// mutant that keeps the certificate gets past the fingerprint check into the key exchange.
    /// </summary>
    public static byte[]? FirstCertificate(IEnumerable<byte[]> datagrams)
    {
        foreach (var d in datagrams)
        {
            var offset = 0;
            while (offset + 13 <= d.Length)
            {
                var length = (d[offset + 11] << 8) | d[offset + 12];
                var end = Math.Min(offset + 13 + length, d.Length);
                // Unencrypted handshake record (epoch 0) holding an unfragmented Certificate (type 11).
                if (d[offset] == 22 && d[offset + 3] == 0 && d[offset + 4] == 0 && end - offset >= 13 + 12 + 6 && d[offset + 13] == 11)
                {
                    var body = d.AsSpan(offset + 13 + 12, end - offset - 13 - 12);
                    var first = (body[3] << 16) | (body[4] << 8) | body[5];
                    if (first > 0 && first <= body.Length - 6) return body.Slice(6, first).ToArray();
                }
                offset = end;
            }
        }
        return null;
    }
}
