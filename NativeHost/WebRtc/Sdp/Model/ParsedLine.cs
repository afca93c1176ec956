namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// A structured line as it was written, with the canonical form of what it meant. The writer
/// emits <see cref="Raw"/> while the model's canonical form is still <see cref="Canonical"/>,
/// so parse → serialize never rewrites a line nobody changed.
/// </summary>
internal sealed record ParsedLine(string Raw, string Canonical)
{
    public string Choose(string canonicalNow) => canonicalNow == Canonical ? Raw : canonicalNow;
}
