namespace SecureLink.WebRtc.Rtp.Tests;

/// <summary>RFC vectors are printed as spaced hex; this reads them as written.</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        Convert.FromHexString(new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
