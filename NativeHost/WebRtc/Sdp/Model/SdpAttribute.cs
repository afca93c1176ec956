namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// One <c>a=</c> line: <c>a=name</c> (a flag, <see cref="Value"/> null) or <c>a=name:value</c>.
/// The value is kept exactly as written (Chromium writes <c>a=msid-semantic: WMS</c> with a
/// space after the colon), so serializing what was parsed gives back the same line.
/// </summary>
public sealed record SdpAttribute(string Name, string? Value)
{
    /// <summary>The text after <c>a=</c>.</summary>
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
