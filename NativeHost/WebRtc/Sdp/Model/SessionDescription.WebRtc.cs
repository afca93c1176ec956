using N = SecureLink.WebRtc.Sdp.WebRtcAttributeNames;

namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// Typed views of the session-level WebRTC attributes. Scalars read and write
/// <see cref="Attributes"/> in place; <see cref="BundleMids"/> is filled on parse and
/// written back as the group:BUNDLE attribute.
/// </summary>
public sealed partial class SessionDescription
{
    /// <summary>a=ice-ufrag (session level; a media-level value overrides it).</summary>
    public string? IceUfrag
    {
        get => AttributeAccess.Trimmed(Attributes, N.IceUfrag);
        set => AttributeAccess.Set(Attributes, N.IceUfrag, value);
    }

    /// <summary>a=ice-pwd (session level).</summary>
    public string? IcePwd
    {
        get => AttributeAccess.Trimmed(Attributes, N.IcePwd);
        set => AttributeAccess.Set(Attributes, N.IcePwd, value);
    }

    /// <summary>a=ice-options value, e.g. "trickle" (session level).</summary>
    public string? IceOptions
    {
        get => AttributeAccess.Trimmed(Attributes, N.IceOptions);
        set => AttributeAccess.Set(Attributes, N.IceOptions, value);
    }

    /// <summary>a=ice-lite: the peer is an ICE lite agent (RFC 8445 §2.5), so we must be controlling.</summary>
    public bool IceLite
    {
        get => AttributeAccess.Has(Attributes, N.IceLite);
        set => AttributeAccess.SetFlag(Attributes, N.IceLite, value);
    }

    /// <summary>The first a=fingerprint value, "sha-256 AB:CD:..." (session level).</summary>
    public string? Fingerprint
    {
        get => AttributeAccess.Trimmed(Attributes, N.Fingerprint);
        set => AttributeAccess.Set(Attributes, N.Fingerprint, value);
    }

    /// <summary>Every session-level a=fingerprint value (RFC 8122 allows several).</summary>
    public IReadOnlyList<string> Fingerprints => AttributeAccess.All(Attributes, N.Fingerprint, v => v.Trim());

    /// <summary>a=setup: actpass | active | passive | holdconn (session level).</summary>
    public string? Setup
    {
        get => AttributeAccess.Trimmed(Attributes, N.Setup);
        set => AttributeAccess.Set(Attributes, N.Setup, value);
    }

    /// <summary>Session-level direction attribute, or null when none (then sendrecv applies).</summary>
    public string? Direction
    {
        get => Attributes.Find(a => N.Directions.Contains(a.Name))?.Name;
        set => AttributeAccess.SetAny(Attributes, N.Directions, value ?? "", null, value is null);
    }

    /// <summary>
    /// The mids of the first a=group:BUNDLE, in order; the first is the BUNDLE tag (RFC 8843).
    /// Written back as that attribute (added first among the attributes if it was absent, removed when emptied).
    /// </summary>
    public List<string> BundleMids { get; } = [];

    /// <summary>True when <paramref name="mid"/> is in the BUNDLE group.</summary>
    public bool IsBundled(string? mid) => mid is not null && BundleMids.Contains(mid);

    /// <summary>Every a=group line, parsed, with the BUNDLE group as <see cref="BundleMids"/> now says.</summary>
    public IReadOnlyList<SdpGroup> Groups => AttributeAccess.All(SdpWriter.MergeBundle(this), N.Group, SdpGroup.TryParse);

    /// <summary>a=msid-semantic value trimmed, e.g. "WMS" or "WMS stream-id" (Chromium writes a space after the colon, which the raw attribute keeps).</summary>
    public string? MsidSemantic
    {
        get => AttributeAccess.Trimmed(Attributes, N.MsidSemantic);
        set => AttributeAccess.Set(Attributes, N.MsidSemantic, value is null ? null : " " + value);
    }
}
