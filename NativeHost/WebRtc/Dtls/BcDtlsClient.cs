using Org.BouncyCastle.Tls;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// BouncyCastle client tuned for WebRTC: DTLS 1.2 only, extended master secret required
/// (Chromium refuses without it), use_srtp offered, our certificate always presented, and
/// the server authenticated only by the fingerprint from the code.
/// </summary>
internal sealed class BcDtlsClient(DtlsPeerState state) : DefaultTlsClient(state.Crypto)
{
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsSuites.Client;

    protected override IList<int> GetSupportedGroups(IList<int> namedGroupRoles) => DtlsSuites.Groups;

    protected override IList<SignatureAndHashAlgorithm> GetSupportedSignatureAlgorithms() => DtlsSuites.SignatureAlgorithms();

    public override bool RequiresExtendedMasterSecret() => true;

    public override int GetHandshakeTimeoutMillis() => (int)state.Options.HandshakeTimeout.TotalMilliseconds;

    public override int GetHandshakeResendTimeMillis() =>
        Math.Max(50, (int)state.Options.InitialRetransmitTimeout.TotalMilliseconds);

    // We never renegotiate (DTLS-SRTP forbids it in practice), so a server that omits
    // renegotiation_info (older pion) is no risk to us; BouncyCastle would abort by default.
    public override void NotifySecureRenegotiation(bool secureRenegotiation) { }

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        var profiles = state.OfferedSrtpProfiles();
        if (profiles.Length > 0)
            TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(profiles, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        var selected = serverExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        if (selected is null)
        {
            state.SrtpProfile = SrtpProtectionProfile.None;
            return;
        }
        // RFC 5764 §4.1.1: exactly one profile, one we offered.
        if (selected.ProtectionProfiles.Length != 1 || Array.IndexOf(state.OfferedSrtpProfiles(), selected.ProtectionProfiles[0]) < 0)
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server selected an SRTP profile we did not offer");
        state.SrtpProfile = (SrtpProtectionProfile)selected.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(state, m_context);

    public override void NotifyHandshakeBeginning()
    {
        base.NotifyHandshakeBeginning();
        state.Context = m_context;
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        state.OnHandshakeComplete(m_context);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        state.OnAlertReceived(alertLevel, alertDescription);

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        state.OnAlertRaised(alertLevel, alertDescription);

    private sealed class Authentication(DtlsPeerState state, TlsClientContext context) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            state.VerifyPeer(serverCertificate.Certificate);

        // WebRTC is mutually authenticated: always answer the CertificateRequest with our certificate.
        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) => state.CreateSigner(context);
    }
}
