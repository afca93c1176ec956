namespace SecureLink.Rooms.Nearby;

/// <summary>
/// The DNS-SD names and TXT layout of nearby rooms (docs/protocol.md, "Nearby rooms").
/// A room is a PTR from <see cref="RoomService"/> to "LABEL._securelink._udp.local" and a TXT
/// on that name carrying the invite in numbered chunks. A joiner's reply is one TXT on
/// "TAG._slreply._udp.local". No SRV, no address records, no host name: nothing says who we are
/// beyond what the invite already carries.
/// </summary>
public static class NearbyNames
{
    public const string RoomService = "_securelink._udp.local";
    public const string ReplyService = "_slreply._udp.local";

    /// <summary>TXT key prefix of the invite's chunks ("i0=", "i1=", ...) and of the reply's ("r0=", ...).</summary>
    public const string InviteKey = "i";
    public const string ReplyKey = "r";

    /// <summary>Characters of code per TXT string: the string (key + '=' + chunk) stays under 255 bytes.</summary>
    public const int ChunkChars = 240;

    /// <summary>At most this many chunks are read back (a code is a few hundred characters).</summary>
    public const int MaxChunks = 16;

    public static string RoomInstance(string label) => label + "." + RoomService;

    public static string ReplyInstance(string tag) => tag + "." + ReplyService;

    /// <summary>The instance label of a name under <paramref name="service"/>, or null.</summary>
    public static string? InstanceOf(string name, string service)
    {
        var suffix = "." + service;
        if (!name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) || name.Length == suffix.Length) return null;
        var instance = name[..^suffix.Length];
        return instance.Contains('.') ? null : instance;
    }

    /// <summary>"v=1" then the code cut into "KEYn=..." strings.</summary>
    public static IReadOnlyList<string> ToTxt(string key, string code)
    {
        var strings = new List<string> { "v=1" };
        for (int i = 0, n = 0; i < code.Length; i += ChunkChars, n++)
            strings.Add($"{key}{n}={code.Substring(i, Math.Min(ChunkChars, code.Length - i))}");
        if (strings.Count - 1 > MaxChunks) throw new ArgumentException("The code is too long for a nearby TXT record.", nameof(code));
        return strings;
    }

    /// <summary>The code put back together from "KEYn=" strings, or null when a chunk is missing, repeated or the version is not 1.</summary>
    public static string? FromTxt(string key, IReadOnlyList<string> strings)
    {
        var chunks = new SortedDictionary<int, string>();
        var version = false;
        foreach (var s in strings)
        {
            if (s == "v=1") { version = true; continue; }
            if (!s.StartsWith(key, StringComparison.Ordinal)) continue;
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= key.Length || !int.TryParse(s.AsSpan(key.Length, eq - key.Length), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= MaxChunks)
                continue;
            if (!chunks.TryAdd(index, s[(eq + 1)..])) return null;
        }
        if (!version || chunks.Count == 0) return null;
        var expected = 0;
        foreach (var k in chunks.Keys)
            if (k != expected++) return null;
        return string.Concat(chunks.Values);
    }
}
