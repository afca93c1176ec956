using System.Security.Cryptography;
using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Srtp;

namespace SecureLink.WebRtc.Media;

/// <summary>
/// Maps the DTLS-SRTP export (<see cref="SrtpKeyingMaterial"/>) onto an <see cref="SrtpSession"/>.
/// The session derives its session keys at once and never needs the master keys again, so the
/// copies made here are zeroed before returning; the DTLS layer zeroes its own when it closes.
/// </summary>
internal static class SrtpSessionFactory
{
    /// <summary>Null when the profile is not one we implement (DTLS offers only those, so only a broken peer gets here).</summary>
    public static SrtpSession? Create(SrtpKeyingMaterial keys, bool isDtlsClient)
    {
        ArgumentNullException.ThrowIfNull(keys);
        // The enums share the IANA code points (RFC 5764 §4.1.2, RFC 7714 §14.2).
        var profile = (SrtpProfile)(int)keys.Profile;
        if (!SrtpProfiles.IsSupported(profile)) return null;
        byte[] clientKey = [.. keys.ClientMasterKey], clientSalt = [.. keys.ClientMasterSalt];
        byte[] serverKey = [.. keys.ServerMasterKey], serverSalt = [.. keys.ServerMasterSalt];
        try
        {
            return SrtpSession.FromDtls(profile, isDtlsClient, clientKey, clientSalt, serverKey, serverSalt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clientKey);
            CryptographicOperations.ZeroMemory(clientSalt);
            CryptographicOperations.ZeroMemory(serverKey);
            CryptographicOperations.ZeroMemory(serverSalt);
        }
    }
}
