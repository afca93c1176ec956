namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// Reads and writes single-valued attributes in place, so that changing one value keeps
/// every other line where it was (round trips stay byte-identical).
/// </summary>
internal static class AttributeAccess
{
    public static SdpAttribute? First(List<SdpAttribute> list, string name)
    {
        foreach (var a in list)
            if (a.Name == name) return a;
        return null;
    }

    public static string? Value(List<SdpAttribute> list, string name) => First(list, name)?.Value;

    public static string? Trimmed(List<SdpAttribute> list, string name) => First(list, name)?.Value?.Trim();

    public static bool Has(List<SdpAttribute> list, string name) => First(list, name) is not null;

    /// <summary>Replaces the first <paramref name="name"/> attribute (dropping any later duplicate), appends it if absent, removes it for null.</summary>
    public static void Set(List<SdpAttribute> list, string name, string? value) => SetAny(list, [name], name, value, value is null);

    /// <summary>As <see cref="Set"/>, for an attribute that may appear under any of <paramref name="names"/> (the direction attributes).</summary>
    public static void SetAny(List<SdpAttribute> list, IReadOnlyCollection<string> names, string newName, string? value, bool remove)
    {
        var first = list.FindIndex(a => names.Contains(a.Name));
        if (first < 0)
        {
            if (!remove) list.Add(new SdpAttribute(newName, value));
            return;
        }
        for (var i = list.Count - 1; i > first; i--)
            if (names.Contains(list[i].Name)) list.RemoveAt(i);
        if (remove) list.RemoveAt(first);
        else list[first] = new SdpAttribute(newName, value);
    }

    public static void SetFlag(List<SdpAttribute> list, string name, bool on)
    {
        if (!on) list.RemoveAll(a => a.Name == name);
        else if (!Has(list, name)) list.Add(new SdpAttribute(name, null));
    }

    public static int? Int(List<SdpAttribute> list, string name) =>
        Trimmed(list, name) is { } v && SdpNumbers.TryInt(v, out var n) ? n : null;

    /// <summary>Every parseable value of <paramref name="name"/>, in order; malformed ones are skipped.</summary>
    public static IReadOnlyList<T> All<T>(List<SdpAttribute> list, string name, Func<string, T?> parse) where T : class
    {
        var result = new List<T>();
        foreach (var a in list)
            if (a.Name == name && a.Value is { } v && parse(v) is { } item) result.Add(item);
        return result;
    }
}
