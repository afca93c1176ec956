using System.Security.Cryptography;

namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// RFC 3711 §4.3 key derivation with the AES-CM PRF (§4.3.3) and a key derivation rate of 0,
/// the only rate DTLS-SRTP uses: x = label at byte 7 XOR the master salt, keystream from
/// AES-CM(master key, x · 2^16). RFC 7714 §11 reuses it for GCM with the 12-byte salt padded
/// with zeros on the right, which is how libsrtp and pion read it.
/// </summary>
internal static class SrtpKeyDerivation
{
    public const byte RtpEncryption = 0, RtpAuthentication = 1, RtpSalt = 2;
    public const byte RtcpEncryption = 3, RtcpAuthentication = 4, RtcpSalt = 5;

    public static byte[] Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, int length)
    {
        if (masterSalt.Length > 14) throw new ArgumentException("master salt longer than 112 bits", nameof(masterSalt));
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        masterSalt.CopyTo(iv);
        iv[7] ^= label;
        var output = new byte[length];
        using var prf = new AesCounterMode(masterKey);
        prf.Apply(iv, output);
        return output;
    }

    public static SrtpSessionKeys DeriveAll(SrtpMasterKey master)
    {
        var keyLength = master.Profile.MasterKeyLength();
        var saltLength = master.Profile.MasterSaltLength();
        var authLength = master.Profile == SrtpProfile.Aes128CmHmacSha1_80 ? 20 : 0;
        byte[] D(byte label, int n) => n == 0 ? [] : Derive(master.Key, master.Salt, label, n);
        return new SrtpSessionKeys(
            D(RtpEncryption, keyLength), D(RtpAuthentication, authLength), D(RtpSalt, saltLength),
            D(RtcpEncryption, keyLength), D(RtcpAuthentication, authLength), D(RtcpSalt, saltLength));
    }
}

/// <summary>The six session keys of one direction (RFC 3711 §4.3.1). Zeroed by <see cref="Clear"/>.</summary>
internal sealed record SrtpSessionKeys(
    byte[] RtpKey, byte[] RtpAuthKey, byte[] RtpSalt,
    byte[] RtcpKey, byte[] RtcpAuthKey, byte[] RtcpSalt)
{
    public void Clear()
    {
        CryptographicOperations.ZeroMemory(RtpKey);
        CryptographicOperations.ZeroMemory(RtpAuthKey);
        CryptographicOperations.ZeroMemory(RtpSalt);
        CryptographicOperations.ZeroMemory(RtcpKey);
        CryptographicOperations.ZeroMemory(RtcpAuthKey);
        CryptographicOperations.ZeroMemory(RtcpSalt);
    }

    public override string ToString() => "SrtpSessionKeys";
}
