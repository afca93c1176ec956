using System.Security.Cryptography;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// ICE credentials (RFC 8445 §5.3): the username fragment names the session, the password keys
/// MESSAGE-INTEGRITY of every check. Exchanged in the invite/reply, never logged.
/// </summary>
public sealed record IceParameters(string UsernameFragment, string Password)
{
    // RFC 8839 ice-char: ALPHA / DIGIT / "+" / "/"
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Fresh credentials from a CSPRNG: an 8-character ufrag and a 24-character password.</summary>
    public static IceParameters Generate() => new(RandomIceString(8), RandomIceString(24));

    internal static string RandomIceString(int length) => RandomNumberGenerator.GetString(IceChars, length);

    public override string ToString() => $"IceParameters {{ UsernameFragment = {UsernameFragment}, Password = <hidden> }}";
}
