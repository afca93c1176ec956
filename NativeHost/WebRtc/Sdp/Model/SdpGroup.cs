namespace SecureLink.WebRtc.Sdp;

/// <summary><c>a=group:BUNDLE 0 1</c> (RFC 5888): the semantics and the mids it groups.</summary>
public sealed record SdpGroup(string Semantics, IReadOnlyList<string> Mids)
{
    /// <summary>Reads the value after <c>group:</c>; null when empty.</summary>
    public static SdpGroup? TryParse(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? null : new SdpGroup(parts[0], parts[1..]);
    }

    /// <summary>The value after <c>group:</c>.</summary>
    public override string ToString() => Mids.Count == 0 ? Semantics : $"{Semantics} {string.Join(' ', Mids)}";
}
