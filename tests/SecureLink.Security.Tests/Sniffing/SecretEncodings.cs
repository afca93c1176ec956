using System.Text;

namespace SecureLink.Security.Tests.Sniffing;

/// <summary>Every form in which a text could sit in a byte stream without being encrypted.</summary>
public static class SecretEncodings
{
    public static IEnumerable<(string Name, byte[] Bytes)> Of(string secret)
    {
        var utf8 = Encoding.UTF8.GetBytes(secret);
        var utf16 = Encoding.Unicode.GetBytes(secret);
        yield return ("UTF-8", utf8);
        yield return ("UTF-16LE", utf16);
        yield return ("UTF-16BE", Encoding.BigEndianUnicode.GetBytes(secret));
        yield return ("hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(utf8)));
        yield return ("HEX", Encoding.ASCII.GetBytes(Convert.ToHexString(utf8)));
        // Base64 of the text wherever it starts relative to a 3-byte group: drop the first k
        // bytes and the last group, whose characters depend on the bytes around the text.
        foreach (var (name, raw) in new[] { ("base64", utf8), ("base64 of UTF-16", utf16) })
            for (var k = 0; k < 3; k++)
            {
                var b64 = Convert.ToBase64String(raw, k, raw.Length - k);
                yield return ($"{name} (+{k})", Encoding.ASCII.GetBytes(b64[..^4]));
            }
    }

    /// <summary>The encodings of <paramref name="secret"/> found in any of <paramref name="datagrams"/> (or across their concatenation).</summary>
    public static List<string> FoundIn(IReadOnlyList<byte[]> datagrams, string secret)
    {
        var joined = datagrams.SelectMany(d => d).ToArray();
        return [.. Of(secret).Where(e => joined.AsSpan().IndexOf(e.Bytes) >= 0 || datagrams.Any(d => d.AsSpan().IndexOf(e.Bytes) >= 0)).Select(e => e.Name)];
    }
}
