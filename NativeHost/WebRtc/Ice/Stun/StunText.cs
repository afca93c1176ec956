using System.Text;

namespace SecureLink.WebRtc.Stun;

internal static class StunText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string DecodeUtf8(ReadOnlySpan<byte> value, string attributeName)
    {
        try { return Strict.GetString(value); }
        catch (DecoderFallbackException) { throw new StunFormatException($"{attributeName} is not valid UTF-8."); }
    }
}
