using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// What our BouncyCastle client and server subclasses share: the fingerprint check, the
/// SRTP profile choice, the key export at handshake completion, and a record of the alerts
/// seen, so <see cref="DtlsTransport"/> can turn BouncyCastle's exceptions into sentences.
/// Written by the BouncyCastle thread; read by others only after the handshake task completed.
/// </summary>
internal sealed class DtlsPeerState(DtlsCertificate local, DtlsFingerprint expectedRemote, DtlsOptions options, DtlsRole role)
{
    private const string SrtpExporterLabel = "EXTRACTOR-dtls_srtp";

    public BcTlsCrypto Crypto { get; } = new(new Org.BouncyCastle.Security.SecureRandom());
    public DtlsCertificate Local { get; } = local;
    public DtlsFingerprint ExpectedRemote { get; } = expectedRemote;
    public DtlsOptions Options { get; } = options;
    public DtlsRole Role { get; } = role;
    public ILog Log => Options.Log;

    /// <summary>BouncyCastle's context, set when the handshake begins (read on its thread only).</summary>
    public TlsContext? Context { get; set; }

    public DtlsFingerprint? RemoteFingerprint { get; private set; }
    public bool FingerprintMismatch { get; private set; }
    public bool PeerSentNoCertificate { get; private set; }
    public SrtpProtectionProfile SrtpProfile { get; set; }
    public SrtpKeyingMaterial? SrtpKeys { get; private set; }
    public int CipherSuite { get; private set; }
    public bool ExtendedMasterSecret { get; private set; }

    public volatile bool CloseNotifyReceived;
    public short? FatalAlertReceived { get; private set; }
    public short? AlertRaised { get; private set; }

    private TlsSecret? _masterSecret;
    private int _prfAlgorithm;
    private byte[] _exporterSeed = [];
    private readonly object _exportGate = new();

    /// <summary>Checks the peer's leaf certificate against the fingerprint from the code; throws
    /// bad_certificate (which BouncyCastle sends as a fatal alert) when it differs.</summary>
    public void VerifyPeer(Certificate? chain)
    {
        if (chain is null || chain.IsEmpty)
        {
            PeerSentNoCertificate = true;
            Log.Write(LogLevel.Error, "dtls", "peer sent no certificate");
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer sent no certificate");
        }
        var der = chain.GetCertificateAt(0).GetEncoded();
        RemoteFingerprint = DtlsFingerprint.Compute(der, ExpectedRemote.Algorithm);
        if (!ExpectedRemote.Matches(der))
        {
            FingerprintMismatch = true;
            Log.Write(LogLevel.Error, "dtls", "peer certificate fingerprint mismatch");
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate fingerprint mismatch");
        }
        if (Log.IsEnabled(LogLevel.Debug)) Log.Write(LogLevel.Debug, "dtls", "peer certificate fingerprint verified");
    }

    /// <summary>Our certificate and key as BouncyCastle credentials, signing with ECDSA P-256 SHA-256.</summary>
    public TlsCredentialedSigner CreateSigner(TlsContext context)
    {
        var certificate = new Certificate([Crypto.CreateCertificate(Local.Der.ToArray())]);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), Crypto, Local.Key, certificate,
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /// <summary>Called from NotifyHandshakeComplete, the only moment BouncyCastle lets us read the
    /// master secret: exports the SRTP keys and keeps a private copy of the secret so
    /// <see cref="Export"/> works for the rest of the session (BouncyCastle clears its own).</summary>
    public void OnHandshakeComplete(TlsContext context)
    {
        var sp = context.SecurityParameters;
        CipherSuite = sp.CipherSuite;
        ExtendedMasterSecret = sp.IsExtendedMasterSecret;
        _prfAlgorithm = sp.PrfAlgorithm;
        _exporterSeed = [.. sp.ClientRandom, .. sp.ServerRandom];
        _masterSecret = Crypto.AdoptSecret(sp.MasterSecret);
        if (SrtpProfile.IsKnown())
        {
            var length = 2 * (SrtpProfile.KeyLength() + SrtpProfile.SaltLength());
            var raw = context.ExportKeyingMaterial(SrtpExporterLabel, null, length);
            SrtpKeys = SrtpKeyingMaterial.Split(SrtpProfile, raw);
            Array.Clear(raw);
        }
        if (Log.IsEnabled(LogLevel.Info))
            Log.Write(LogLevel.Info, "dtls", $"handshake complete as {Role}: suite 0x{CipherSuite:X4}, ems {ExtendedMasterSecret}, srtp {SrtpProfile}");
    }

    /// <summary>RFC 5705 exporter without context: PRF(master_secret, label, client_random + server_random).</summary>
    public byte[] Export(string label, int length)
    {
        lock (_exportGate)
        {
            var secret = _masterSecret ?? throw new InvalidOperationException("Keying material is not available: the handshake has not completed or the session is closed.");
            return secret.DeriveUsingPrf(_prfAlgorithm, label, _exporterSeed, length).Extract();
        }
    }

    /// <summary>Destroys our copy of the master secret and the SRTP keys.</summary>
    public void Wipe()
    {
        lock (_exportGate)
        {
            _masterSecret?.Destroy();
            _masterSecret = null;
            // BouncyCastle keeps one more copy of the master secret in the session it would offer
            // for resumption (which we never use); found by RoomSecretsAfterLeaveTests.
            if (Context?.Session is { } session)
            {
                session.Invalidate();
                session.ExportSessionParameters()?.MasterSecret?.Destroy();
            }
        }
        SrtpKeys?.Clear();
    }

    public void OnAlertReceived(short level, short description)
    {
        if (description == AlertDescription.close_notify) CloseNotifyReceived = true;
        if (level == AlertLevel.fatal) FatalAlertReceived = description;
        if (Log.IsEnabled(LogLevel.Debug))
            Log.Write(LogLevel.Debug, "dtls", $"alert received: {AlertLevel.GetText(level)} {AlertDescription.GetText(description)}");
    }

    public void OnAlertRaised(short level, short description)
    {
        if (level == AlertLevel.fatal) AlertRaised = description;
        if (Log.IsEnabled(LogLevel.Debug))
            Log.Write(LogLevel.Debug, "dtls", $"alert sent: {AlertLevel.GetText(level)} {AlertDescription.GetText(description)}");
    }

    /// <summary>Profiles we offer or accept, as IANA code points.</summary>
    public int[] OfferedSrtpProfiles() =>
        Options.SrtpProfiles.Where(p => p.IsKnown()).Distinct().Select(p => (int)p).ToArray();
}
