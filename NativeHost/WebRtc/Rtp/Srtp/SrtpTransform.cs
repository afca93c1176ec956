namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// The cryptographic transform of one profile and one direction, with the packet index already
/// decided. Works in place on a buffer that holds the packet and has room for the overhead;
/// <see cref="SrtpContext"/> does parsing, index estimation and replay. Unprotect methods return
/// the plain length, or -1 when the tag does not verify.
/// </summary>
internal abstract class SrtpTransform : IDisposable
{
    public abstract int TagLength { get; }

    /// <summary>Bytes SRTCP adds: the tag and the 4-byte E-flag/index word.</summary>
    public int RtcpOverhead => TagLength + 4;

    public abstract int ProtectRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, ulong index);
    public abstract int UnprotectRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, ulong index);
    public abstract int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index, bool encrypt);

    /// <summary>Reads the E flag and 31-bit SRTCP index; the packet is at least 8 + overhead bytes.</summary>
    public abstract void ReadRtcpTrailer(ReadOnlySpan<byte> packet, out uint index, out bool encrypted);

    public abstract int UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint index, bool encrypted);

    public abstract void Dispose();

    public static SrtpTransform Create(SrtpProfile profile, SrtpSessionKeys keys) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => new AesCmHmacSha1Transform(keys),
        SrtpProfile.AeadAes128Gcm => new AesGcmTransform(keys),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP protection profile"),
    };
}
