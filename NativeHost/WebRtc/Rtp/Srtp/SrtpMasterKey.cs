namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// The master key and salt for one direction of an SRTP session, as DTLS-SRTP exports them
/// (RFC 5764 §4.2). The PeerConnection layer builds one per direction from the DTLS keying material.
/// </summary>
public sealed record SrtpMasterKey
{
    public SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt)
    {
        if (!SrtpProfiles.IsSupported(profile)) throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP protection profile");
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(salt);
        if (key.Length != profile.MasterKeyLength()) throw new ArgumentException($"{profile} needs a {profile.MasterKeyLength()}-byte master key", nameof(key));
        if (salt.Length != profile.MasterSaltLength()) throw new ArgumentException($"{profile} needs a {profile.MasterSaltLength()}-byte master salt", nameof(salt));
        Profile = profile;
        Key = key;
        Salt = salt;
    }

    public SrtpProfile Profile { get; }
    public byte[] Key { get; }
    public byte[] Salt { get; }

    /// <summary>Key material never appears in logs or exception messages.</summary>
    public override string ToString() => $"SrtpMasterKey({Profile})";
}
