using Org.BouncyCastle.Tls;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// BouncyCastle server tuned for WebRTC: DTLS 1.2 only (a DTLS 1.3-capable ClientHello from
/// Chromium is answered with 1.2), extended master secret required, use_srtp selected from
/// our preference list, and a client certificate demanded and checked only by fingerprint.
/// </summary>
internal sealed class BcDtlsServer(DtlsPeerState state) : DefaultTlsServer(state.Crypto)
{
    private SrtpProtectionProfile _selected;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsSuites.Server;

    public override int[] GetSupportedGroups() => DtlsSuites.Groups;

    public override bool RequiresExtendedMasterSecret() => true;

    public override int GetHandshakeTimeoutMillis() => (int)state.Options.HandshakeTimeout.TotalMilliseconds;

    public override int GetHandshakeResendTimeMillis() =>
        Math.Max(50, (int)state.Options.InitialRetransmitTimeout.TotalMilliseconds);

    // The peer's certificate is self-signed with whatever algorithm its stack likes; the
    // fingerprint is what authenticates it, so do not reject it for its signature algorithm.
    public override bool ShouldCheckSigAlgOfPeerCerts() => false;

    // See BcDtlsClient: we never renegotiate, so a client without renegotiation_info is fine.
    public override void NotifySecureRenegotiation(bool secureRenegotiation) { }

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        _selected = SrtpProtectionProfile.None;
        var offered = clientExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (offered is null) return;
        foreach (var ours in state.OfferedSrtpProfiles())
        {
            if (Array.IndexOf(offered.ProtectionProfiles, ours) >= 0)
            {
                _selected = (SrtpProtectionProfile)ours;
                break;
            }
        }
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        // RFC 5764 §4.1.1: with no profile in common the server omits the extension.
        if (_selected != SrtpProtectionProfile.None)
            TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)_selected], TlsUtilities.EmptyBytes));
        state.SrtpProfile = _selected;
        return extensions;
    }

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => state.CreateSigner(m_context);

    public override CertificateRequest GetCertificateRequest() => new(
        [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign],
        DtlsSuites.SignatureAlgorithms(),
        null);

    public override void NotifyClientCertificate(Certificate clientCertificate) => state.VerifyPeer(clientCertificate);

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
}
