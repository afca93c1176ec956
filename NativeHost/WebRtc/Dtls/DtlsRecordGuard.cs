using Org.BouncyCastle.Tls;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// Drops protected records too short (or misaligned) to ever decrypt before BouncyCastle
/// sees them. Why: BouncyCastle silently discards records whose MAC fails, as RFC 6347
/// §4.1.2.7 asks, but a record shorter than the cipher's overhead makes it raise a fatal
/// decode_error / decryption_failed and tear the session down — so anyone able to inject one
/// spoofed datagram (no keys needed) could kill the call. Unprotected (epoch 0) records are
/// left alone: after the handshake BouncyCastle already ignores them. Records claiming the
/// reserved version {0xFE, 0xFE} are dropped at any time, because BouncyCastle throws on them.
/// </summary>
internal static class DtlsRecordGuard
{
    private const int HeaderLength = 13;
    private const int AeadMinimum = 8 + 16;   // explicit nonce + GCM tag
    private const int BlockSize = 16;         // AES

    /// <summary>Returns the datagram, or a copy without the implausible records, or null when
    /// nothing plausible is left.</summary>
    public static byte[]? Filter(byte[] datagram, SecurityParameters? parameters)
    {
        if (WithoutReservedVersion(datagram) is not { } usable) return null;
        datagram = usable;
        if (parameters is null || parameters.CipherSuite == 0 || datagram.Length < HeaderLength) return datagram;
        int type;
        try
        {
            type = TlsUtilities.GetEncryptionAlgorithmType(TlsUtilities.GetEncryptionAlgorithm(parameters.CipherSuite));
        }
        catch (ArgumentException)
        {
            return datagram;
        }
        var macSize = type == CipherType.block ? MacSize(parameters.CipherSuite) : 0;
        var etm = parameters.IsEncryptThenMac;

        List<(int Offset, int Length)>? keep = null;
        var offset = 0;
        while (offset + HeaderLength <= datagram.Length)
        {
            var epoch = (datagram[offset + 3] << 8) | datagram[offset + 4];
            var length = (datagram[offset + 11] << 8) | datagram[offset + 12];
            var recordLength = Math.Min(HeaderLength + length, datagram.Length - offset);
            var plausible = epoch == 0 || type switch
            {
                CipherType.aead => length >= AeadMinimum,
                CipherType.block => BlockPlausible(length, macSize, etm),
                _ => true,
            };
            if (plausible)
            {
                keep ??= [];
                keep.Add((offset, recordLength));
            }
            else
            {
                keep ??= [];
                keep.Add((-1, 0));
            }
            offset += recordLength;
        }
        if (keep is null || keep.All(k => k.Offset >= 0)) return datagram;
        var parts = keep.Where(k => k.Offset >= 0).ToList();
        if (parts.Count == 0) return null;
        var result = new byte[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var (o, l) in parts)
        {
            Buffer.BlockCopy(datagram, o, result, at, l);
            at += l;
        }
        return result;
    }

    // BouncyCastle reads every record's version, and the version inside ClientHello, ServerHello
    // and HelloVerifyRequest, with ProtocolVersion.Get, which throws ArgumentException for
    // {0xFE, 0xFE} (reserved, no DTLS uses it); that becomes a fatal internal_error and ends the
    // session or the handshake, from one spoofed datagram without keys (fuzzing findings F3 and
    // F4, docs/fuzzing.md). Such records are dropped, as the peer's retransmission will replace them.
    private static byte[]? WithoutReservedVersion(byte[] datagram)
    {
        List<(int Offset, int Length)>? keep = null;
        var offset = 0;
        while (offset + HeaderLength <= datagram.Length)
        {
            var recordLength = Math.Min(HeaderLength + ((datagram[offset + 11] << 8) | datagram[offset + 12]), datagram.Length - offset);
            var reserved = IsReserved(datagram, offset + 1) || HelloWithReservedVersion(datagram.AsSpan(offset, recordLength));
            if (reserved && keep is null)
            {
                keep = [];
                if (offset > 0) keep.Add((0, offset));
            }
            else if (!reserved && keep is not null) keep.Add((offset, recordLength));
            offset += recordLength;
        }
        if (keep is null) return datagram;
        if (offset < datagram.Length) keep.Add((offset, datagram.Length - offset));
        if (keep.Count == 0) return null;
        var result = new byte[keep.Sum(k => k.Length)];
        var at = 0;
        foreach (var (o, l) in keep)
        {
            Buffer.BlockCopy(datagram, o, result, at, l);
            at += l;
        }
        return result;
    }

    private static bool IsReserved(byte[] d, int at) => d[at] == 0xFE && d[at + 1] == 0xFE;

    // Unencrypted handshake record whose first fragment starts a hello: type(1) length(3) seq(2)
    // fragment_offset(3) fragment_length(3), then the hello's version.
    private static bool HelloWithReservedVersion(ReadOnlySpan<byte> record) =>
        record.Length >= HeaderLength + 14 && record[0] == 22 && record[3] == 0 && record[4] == 0
        && record[HeaderLength] is 1 or 2 or 3
        && record[HeaderLength + 6] == 0 && record[HeaderLength + 7] == 0 && record[HeaderLength + 8] == 0
        && record[HeaderLength + 12] == 0xFE && record[HeaderLength + 13] == 0xFE;

    // Mirrors the length checks BouncyCastle's block cipher makes before it checks the MAC.
    private static bool BlockPlausible(int length, int macSize, bool encryptThenMac)
    {
        var minimum = encryptThenMac ? BlockSize + macSize : Math.Max(BlockSize, macSize + 1);
        minimum += BlockSize; // explicit IV (TLS 1.1+)
        if (length < minimum) return false;
        var blocks = encryptThenMac ? length - macSize : length;
        return blocks % BlockSize == 0;
    }

    private static int MacSize(int cipherSuite) => TlsUtilities.GetMacAlgorithm(cipherSuite) switch
    {
        MacAlgorithm.hmac_sha256 => 32,
        MacAlgorithm.hmac_sha384 => 48,
        MacAlgorithm.hmac_sha512 => 64,
        _ => 20,
    };
}
