namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// The SRTP protection profiles we implement. The values are the DTLS-SRTP profile ids of
/// RFC 5764 §4.1.2 and RFC 7714 §14.2, so a DTLS layer's profile id maps by value.
/// </summary>
public enum SrtpProfile
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode, 80-bit HMAC-SHA1 tag (RFC 3711).</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>SRTP_AEAD_AES_128_GCM: AES-128-GCM with a 16-byte tag (RFC 7714).</summary>
    AeadAes128Gcm = 0x0007,
}

/// <summary>Key, salt and tag sizes of each <see cref="SrtpProfile"/>.</summary>
public static class SrtpProfiles
{
    /// <summary>Master key length in bytes (16 for both profiles).</summary>
    public static int MasterKeyLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.AeadAes128Gcm => 16,
        _ => throw Unknown(profile),
    };

    /// <summary>Master salt length in bytes: 14 for AES-CM, 12 for GCM (RFC 7714 §12).</summary>
    public static int MasterSaltLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => 14,
        SrtpProfile.AeadAes128Gcm => 12,
        _ => throw Unknown(profile),
    };

    /// <summary>Authentication tag length in bytes on SRTP and SRTCP packets.</summary>
    public static int TagLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => 10,
        SrtpProfile.AeadAes128Gcm => 16,
        _ => throw Unknown(profile),
    };

    /// <summary>True for the profiles this library implements.</summary>
    public static bool IsSupported(SrtpProfile profile) =>
        profile is SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.AeadAes128Gcm;

    private static ArgumentOutOfRangeException Unknown(SrtpProfile p) =>
        new(nameof(p), p, "unsupported SRTP protection profile");
}
