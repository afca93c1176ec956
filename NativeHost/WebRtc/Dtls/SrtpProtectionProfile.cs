namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// SRTP protection profiles negotiated by the DTLS <c>use_srtp</c> extension
/// (RFC 5764 §4.1.2, RFC 7714 §14.2). The values are the IANA code points.
/// </summary>
public enum SrtpProtectionProfile
{
    /// <summary>No profile was negotiated (not offered, or nothing in common).</summary>
    None = 0,

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: 128-bit key, 112-bit salt.</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>SRTP_AEAD_AES_128_GCM: 128-bit key, 96-bit salt.</summary>
    AeadAes128Gcm = 0x0007,
}

/// <summary>Key and salt lengths of each profile (RFC 5764 §4.1.2, RFC 7714 §12).</summary>
public static class SrtpProtectionProfileInfo
{
    /// <summary>Master key length in bytes.</summary>
    public static int KeyLength(this SrtpProtectionProfile profile) => profile switch
    {
        SrtpProtectionProfile.Aes128CmHmacSha1_80 => 16,
        SrtpProtectionProfile.AeadAes128Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "No SRTP keys for this profile."),
    };

    /// <summary>Master salt length in bytes.</summary>
    public static int SaltLength(this SrtpProtectionProfile profile) => profile switch
    {
        SrtpProtectionProfile.Aes128CmHmacSha1_80 => 14,
        SrtpProtectionProfile.AeadAes128Gcm => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "No SRTP keys for this profile."),
    };

    /// <summary>True for the profiles this stack knows how to key.</summary>
    public static bool IsKnown(this SrtpProtectionProfile profile) =>
        profile is SrtpProtectionProfile.Aes128CmHmacSha1_80 or SrtpProtectionProfile.AeadAes128Gcm;
}
