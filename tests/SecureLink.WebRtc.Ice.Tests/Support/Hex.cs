namespace SecureLink.WebRtc.Ice.Tests.Support;

internal static class Hex
{
    /// <summary>Bytes from a hex dump as the RFCs print it (spaces and newlines ignored).</summary>
    public static byte[] Parse(string dump) =>
        Convert.FromHexString(new string(dump.Where(Uri.IsHexDigit).ToArray()));
}
