namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// Effective values: a media-level attribute overrides the session-level one (RFC 8839 §5.4
/// for ICE, RFC 8122 §5 for fingerprint, RFC 4145 for setup, RFC 8866 §6.7 for direction).
/// </summary>
public sealed partial class MediaDescription
{
    public string? EffectiveIceUfrag(SessionDescription session) => IceUfrag ?? session.IceUfrag;

    /// <summary>Same as <see cref="EffectiveIceUfrag"/> (the name the contract uses).</summary>
    public string? EffectiveUfrag(SessionDescription session) => EffectiveIceUfrag(session);

    public string? EffectiveIcePwd(SessionDescription session) => IcePwd ?? session.IcePwd;

    /// <summary>Same as <see cref="EffectiveIcePwd"/>.</summary>
    public string? EffectivePwd(SessionDescription session) => EffectiveIcePwd(session);

    public string? EffectiveIceOptions(SessionDescription session) => IceOptions ?? session.IceOptions;

    public string? EffectiveFingerprint(SessionDescription session) => Fingerprint ?? session.Fingerprint;

    public string? EffectiveSetup(SessionDescription session) => Setup ?? session.Setup;

    /// <summary>The direction in force: media level, else session level, else sendrecv.</summary>
    public string EffectiveDirection(SessionDescription session) => Direction ?? session.Direction ?? "sendrecv";

    public SdpConnection? EffectiveConnection(SessionDescription session) => Connection ?? session.Connection;
}
