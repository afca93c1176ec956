using System.Security.Cryptography;

namespace SecureLink.Rooms.Pake;

/// <summary>
/// What a successful PIN check leaves: a 32-byte key both sides share (for later use, e.g. to
/// authenticate chat) and a safety code to compare aloud. <see cref="Dispose"/> zeroes the key.
/// </summary>
/// <param name="SessionKey">32 bytes from HKDF label "securelink v1 session".</param>
/// <param name="SafetyCode">8 digits in two groups, e.g. "4821 9930". Equal on both screens means no one sits in the middle.</param>
public sealed record PakeResult(byte[] SessionKey, string SafetyCode) : IDisposable
{
    /// <summary>Overwrites the session key with zeros. The safety code is not secret.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(SessionKey);
}
