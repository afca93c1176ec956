using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// AEAD_AES_128_GCM (RFC 7714). SRTP: IV = (00 00 || SSRC || ROC || SEQ) XOR salt (§8.1), AAD is
/// the RTP header with CSRCs and extension (§8.2), tag of 16 bytes after the ciphertext.
/// SRTCP: IV = (00 00 || SSRC || 00 00 || 0 || index) XOR salt (§9.1); AAD is the first 8 bytes
/// and the E-flag/index word when encrypting, the whole packet and that word when not (§9.2–9.3);
/// the word goes after the tag on the wire.
/// </summary>
internal sealed class AesGcmTransform : SrtpTransform
{
    private const int Tag = 16;
    private readonly AesGcm _rtp, _rtcp;
    private readonly byte[] _rtpSalt, _rtcpSalt;

    public AesGcmTransform(SrtpSessionKeys keys)
    {
        _rtp = new AesGcm(keys.RtpKey, Tag);
        _rtcp = new AesGcm(keys.RtcpKey, Tag);
        _rtpSalt = (byte[])keys.RtpSalt.Clone();
        _rtcpSalt = (byte[])keys.RtcpSalt.Clone();
    }

    public override int TagLength => Tag;

    internal static void BuildRtpNonce(Span<byte> nonce, ReadOnlySpan<byte> salt, uint ssrc, ulong index)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        for (var k = 0; k < 6; k++) nonce[6 + k] = (byte)(index >> (40 - 8 * k));
        for (var k = 0; k < 12; k++) nonce[k] ^= salt[k];
    }

    internal static void BuildRtcpNonce(Span<byte> nonce, ReadOnlySpan<byte> salt, uint ssrc, uint index)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], index & 0x7FFF_FFFFu);
        for (var k = 0; k < 12; k++) nonce[k] ^= salt[k];
    }

    public override int ProtectRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[12];
        BuildRtpNonce(nonce, _rtpSalt, ssrc, index);
        var body = buffer[headerLength..length];
        _rtp.Encrypt(nonce, body, body, buffer.Slice(length, Tag), buffer[..headerLength]);
        return length + Tag;
    }

    public override int UnprotectRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[12];
        BuildRtpNonce(nonce, _rtpSalt, ssrc, index);
        var plain = length - Tag;
        var body = buffer[headerLength..plain];
        return Open(_rtp, nonce, body, buffer[plain..length], buffer[..headerLength]) ? plain : -1;
    }

    public override int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index, bool encrypt)
    {
        Span<byte> nonce = stackalloc byte[12];
        BuildRtcpNonce(nonce, _rtcpSalt, ssrc, index);
        var word = (encrypt ? 0x8000_0000u : 0) | index;
        if (encrypt)
        {
            Span<byte> aad = stackalloc byte[12];
            buffer[..8].CopyTo(aad);
            BinaryPrimitives.WriteUInt32BigEndian(aad[8..], word);
            var body = buffer[8..length];
            _rtcp.Encrypt(nonce, body, body, buffer.Slice(length, Tag), aad);
        }
        else
        {
            // The AAD is the packet followed by the word: put the word there for a moment, then
            // move it behind the tag, where the wire format wants it.
            BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], word);
            Span<byte> tag = stackalloc byte[Tag];
            _rtcp.Encrypt(nonce, [], [], tag, buffer[..(length + 4)]);
            tag.CopyTo(buffer[length..]);
        }
        BinaryPrimitives.WriteUInt32BigEndian(buffer[(length + Tag)..], word);
        return length + Tag + 4;
    }

    public override void ReadRtcpTrailer(ReadOnlySpan<byte> packet, out uint index, out bool encrypted)
    {
        var word = BinaryPrimitives.ReadUInt32BigEndian(packet[^4..]);
        encrypted = (word & 0x8000_0000u) != 0;
        index = word & 0x7FFF_FFFFu;
    }

    public override int UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint index, bool encrypted)
    {
        Span<byte> nonce = stackalloc byte[12];
        BuildRtcpNonce(nonce, _rtcpSalt, ssrc, index);
        var plain = length - Tag - 4;
        Span<byte> tag = stackalloc byte[Tag];
        buffer.Slice(plain, Tag).CopyTo(tag);
        if (encrypted)
        {
            Span<byte> aad = stackalloc byte[12];
            buffer[..8].CopyTo(aad);
            buffer.Slice(length - 4, 4).CopyTo(aad[8..]);
            return Open(_rtcp, nonce, buffer[8..plain], tag, aad) ? plain : -1;
        }
        buffer.Slice(length - 4, 4).CopyTo(buffer[plain..]);
        return Open(_rtcp, nonce, [], tag, buffer[..(plain + 4)]) ? plain : -1;
    }

    // AesGcm reports a bad tag only by throwing; this is the one place that turns it into a
    // result, so forged packets cost an exception but never escape as one.
    private static bool Open(AesGcm gcm, ReadOnlySpan<byte> nonce, Span<byte> body, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
    {
        try
        {
            gcm.Decrypt(nonce, body, tag, body, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
        CryptographicOperations.ZeroMemory(_rtpSalt);
        CryptographicOperations.ZeroMemory(_rtcpSalt);
    }
}
