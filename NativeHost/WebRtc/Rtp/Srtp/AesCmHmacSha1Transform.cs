using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// AES_CM_128_HMAC_SHA1_80 (RFC 3711). The IV is (salt · 2^16) XOR (SSRC · 2^64) XOR (index · 2^16)
/// (§4.1.1); the tag is the first 80 bits of HMAC-SHA1 over the packet and, for SRTP, the ROC
/// (§4.2). SRTCP (§3.4) encrypts after the first 8 bytes and authenticates the E-flag/index word,
/// which sits before the tag. The receiver checks the tag before it decrypts anything.
/// </summary>
internal sealed class AesCmHmacSha1Transform : SrtpTransform
{
    private const int Tag = 10;
    private readonly AesCounterMode _rtpCipher, _rtcpCipher;
    private readonly IncrementalHash _rtpMac, _rtcpMac;
    private readonly byte[] _rtpSalt, _rtcpSalt;

    public AesCmHmacSha1Transform(SrtpSessionKeys keys)
    {
        _rtpCipher = new AesCounterMode(keys.RtpKey);
        _rtcpCipher = new AesCounterMode(keys.RtcpKey);
        _rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.RtpAuthKey);
        _rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.RtcpAuthKey);
        _rtpSalt = (byte[])keys.RtpSalt.Clone();
        _rtcpSalt = (byte[])keys.RtcpSalt.Clone();
    }

    public override int TagLength => Tag;

    internal static void BuildIv(Span<byte> iv, ReadOnlySpan<byte> salt, uint ssrc, ulong index)
    {
        iv.Clear();
        salt.CopyTo(iv);
        iv[4] ^= (byte)(ssrc >> 24); iv[5] ^= (byte)(ssrc >> 16); iv[6] ^= (byte)(ssrc >> 8); iv[7] ^= (byte)ssrc;
        for (var k = 0; k < 6; k++) iv[8 + k] ^= (byte)(index >> (40 - 8 * k));
    }

    public override int ProtectRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, ulong index)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(iv, _rtpSalt, ssrc, index);
        _rtpCipher.Apply(iv, buffer[headerLength..length]);
        Span<byte> mac = stackalloc byte[20];
        RtpTag(buffer[..length], (uint)(index >> 16), mac);
        mac[..Tag].CopyTo(buffer[length..]);
        return length + Tag;
    }

    public override int UnprotectRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, ulong index)
    {
        var authenticated = length - Tag;
        Span<byte> mac = stackalloc byte[20];
        RtpTag(buffer[..authenticated], (uint)(index >> 16), mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..Tag], buffer.Slice(authenticated, Tag))) return -1;
        Span<byte> iv = stackalloc byte[16];
        BuildIv(iv, _rtpSalt, ssrc, index);
        _rtpCipher.Apply(iv, buffer[headerLength..authenticated]);
        return authenticated;
    }

    private void RtpTag(ReadOnlySpan<byte> authenticated, uint roc, Span<byte> mac)
    {
        Span<byte> rocBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
        _rtpMac.AppendData(authenticated);
        _rtpMac.AppendData(rocBytes);
        _rtpMac.GetHashAndReset(mac);
    }

    public override int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index, bool encrypt)
    {
        if (encrypt)
        {
            Span<byte> iv = stackalloc byte[16];
            BuildIv(iv, _rtcpSalt, ssrc, index);
            _rtcpCipher.Apply(iv, buffer[8..length]);
        }
        BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], (encrypt ? 0x8000_0000u : 0) | index);
        Span<byte> mac = stackalloc byte[20];
        _rtcpMac.AppendData(buffer[..(length + 4)]);
        _rtcpMac.GetHashAndReset(mac);
        mac[..Tag].CopyTo(buffer[(length + 4)..]);
        return length + 4 + Tag;
    }

    public override void ReadRtcpTrailer(ReadOnlySpan<byte> packet, out uint index, out bool encrypted)
    {
        var word = BinaryPrimitives.ReadUInt32BigEndian(packet[^(Tag + 4)..]);
        encrypted = (word & 0x8000_0000u) != 0;
        index = word & 0x7FFF_FFFFu;
    }

    public override int UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint index, bool encrypted)
    {
        var authenticated = length - Tag;
        Span<byte> mac = stackalloc byte[20];
        _rtcpMac.AppendData(buffer[..authenticated]);
        _rtcpMac.GetHashAndReset(mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..Tag], buffer.Slice(authenticated, Tag))) return -1;
        var plain = authenticated - 4;
        if (encrypted)
        {
            Span<byte> iv = stackalloc byte[16];
            BuildIv(iv, _rtcpSalt, ssrc, index);
            _rtcpCipher.Apply(iv, buffer[8..plain]);
        }
        return plain;
    }

    public override void Dispose()
    {
        _rtpCipher.Dispose();
        _rtcpCipher.Dispose();
        _rtpMac.Dispose();
        _rtcpMac.Dispose();
        CryptographicOperations.ZeroMemory(_rtpSalt);
        CryptographicOperations.ZeroMemory(_rtcpSalt);
    }
}
