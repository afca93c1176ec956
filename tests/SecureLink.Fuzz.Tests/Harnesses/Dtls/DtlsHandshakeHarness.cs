using System.Diagnostics;
using AlertDescription = Org.BouncyCastle.Tls.AlertDescription;
using TlsFatalAlert = Org.BouncyCastle.Tls.TlsFatalAlert;
using SecureLink.WebRtc.Dtls;

namespace SecureLink.Fuzz.Tests.Harnesses.Dtls;

/// <summary>
/// DTLS handshake messages from the network, through BouncyCastle's DtlsServerProtocol /
/// DtlsClientProtocol and our shims in front of it (ChangeCipherSpecGate, FlightReplayer,
/// DtlsRecordGuard), via the public <see cref="DtlsTransport.ConnectAsync"/>. The input is the
/// peer's datagrams (<see cref="DatagramList"/>); then the link closes. Every run must end in
/// <see cref="DtlsHandshakeException"/> or <see cref="DtlsFingerprintMismatchException"/>, promptly,
/// and never because BouncyCastle tripped over itself: an internal_error alert caused by an
/// exception BouncyCastle did not expect (not a TLS or I/O error) has that cause rethrown as the finding.
/// </summary>
public static class DtlsHandshakeHarness
{
    private static readonly Lazy<DtlsCertificate> Local = new(DtlsCertificate.Generate);
    private static readonly DtlsFingerprint Nobody = DtlsFingerprint.Compute(new byte[] { 0 });
    private static readonly TimeSpan Backstop = TimeSpan.FromSeconds(5);

    public static void RunServer(ReadOnlySpan<byte> data) => Run(DtlsRole.Server, data);

    public static void RunClient(ReadOnlySpan<byte> data) => Run(DtlsRole.Client, data);

    private static void Run(DtlsRole role, ReadOnlySpan<byte> data)
    {
        var datagrams = DatagramList.Split(data);
        var expected = DatagramList.FirstCertificate(datagrams) is { } der ? DtlsFingerprint.Compute(der) : Nobody;
        var link = new ScriptedDatagramTransport(datagrams, maxDatagramSize: 16000);
        var options = new DtlsOptions
        {
            HandshakeTimeout = Backstop,
            SrtpProfiles = [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80],
        };
        var clock = Stopwatch.StartNew();
        try
        {
            var session = DtlsTransport.ConnectAsync(link, role, Local.Value, expected, options, CancellationToken.None).GetAwaiter().GetResult();
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new FuzzInvariantException($"A DTLS {role} handshake completed against a script that cannot know the keys.");
        }
        catch (DtlsFingerprintMismatchException)
        {
        }
        catch (DtlsHandshakeException e)
        {
            if (clock.Elapsed >= Backstop - TimeSpan.FromMilliseconds(500))
                throw new FuzzInvariantException($"The DTLS {role} handshake hung on the input until the {Backstop.TotalSeconds} s backstop: {e.Message}");
            if (InternalError(e) is { } cause)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
        }
    }

    /// <summary>
    /// BouncyCastle turns an exception it did not plan for into internal_error and keeps it as the
    /// cause; that cause is the finding. An internal_error without a cause is BouncyCastle's own
    /// deliberate choice of alert (e.g. a key exchange missing the server's certificate), not a crash.
    /// </summary>
    private static Exception? InternalError(Exception e)
    {
        for (var x = e.InnerException; x is not null; x = x.InnerException)
            if (x is TlsFatalAlert { AlertDescription: AlertDescription.internal_error, InnerException: { } cause }
                && cause is not (IOException or Org.BouncyCastle.Tls.TlsException))
                return cause;
        return null;
    }

    /// <summary>
    /// A genuine handshake between two of our endpoints over an unfragmented in-memory link, each
    /// side's datagrams recorded: the seeds. The client's are what the server harness is fed, and
    /// the other way round.
    /// </summary>
    public static (List<byte[]> FromClient, List<byte[]> FromServer) RecordRealHandshake()
    {
        var (a, b) = SecureLink.WebRtc.Transport.DatagramPipe.Create(maxDatagramSize: 16000);
        var client = new RecordingTransport(a);
        var server = new RecordingTransport(b);
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var options = new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80] };
        var s = DtlsTransport.ConnectAsync(server, DtlsRole.Server, serverCert, clientCert.Fingerprint, options, CancellationToken.None);
        var c = DtlsTransport.ConnectAsync(client, DtlsRole.Client, clientCert, serverCert.Fingerprint, options, CancellationToken.None);
        Task.WaitAll(s, c);
        c.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
        s.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (client.Sent, server.Sent);
    }
}
