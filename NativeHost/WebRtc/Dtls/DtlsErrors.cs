using Org.BouncyCastle.Tls;

namespace SecureLink.WebRtc.Dtls;

/// <summary>Turns whatever BouncyCastle threw during a handshake into one of our exceptions
/// with a sentence a person can read; BouncyCastle exceptions never escape raw.</summary>
internal static class DtlsErrors
{
    public static Exception FromHandshake(Exception error, DtlsPeerState state, BcDatagramAdapter adapter,
        bool timedOut, CancellationToken ct)
    {
        if (state.FingerprintMismatch)
            return new DtlsFingerprintMismatchException(state.ExpectedRemote, state.RemoteFingerprint!);
        if (ct.IsCancellationRequested)
            return new OperationCanceledException("The secure handshake was cancelled.", error, ct);
        if (timedOut || error is TlsTimeoutException)
            return new DtlsHandshakeException(
                $"DTLS handshake timed out after {state.Options.HandshakeTimeout.TotalSeconds:0.#} s.", error);
        if (state.PeerSentNoCertificate)
            return new DtlsHandshakeException("The other side did not present a security certificate.", error);

        switch (error)
        {
            case TlsFatalAlertReceived received when received.AlertDescription == AlertDescription.bad_certificate:
                return new DtlsHandshakeException(
                    "The other side rejected our security certificate: the codes exchanged may be from another session or tampered with.", error);
            case TlsFatalAlertReceived received:
                return new DtlsHandshakeException(
                    $"The other side aborted the secure handshake ({Name(received.AlertDescription)}).", error);
            case TlsFatalAlert alert when alert.AlertDescription == AlertDescription.handshake_failure:
                return new DtlsHandshakeException(
                    "The secure handshake failed: the other side offers no cipher suite, key exchange or extension we accept (handshake_failure).", error);
            case TlsFatalAlert alert when alert.AlertDescription == AlertDescription.user_canceled || adapter.LowerClosed:
                return new DtlsHandshakeException("The connection closed during the secure handshake.", error);
            case TlsFatalAlert alert:
                return new DtlsHandshakeException($"The secure handshake failed ({Name(alert.AlertDescription)}).", error);
        }
        if (adapter.LowerClosed || error is TransportClosedIOException)
            return new DtlsHandshakeException("The connection closed during the secure handshake.", error);
        return new DtlsHandshakeException($"The secure handshake failed: {error.Message}", error);
    }

    /// <summary>"bad_certificate" etc.</summary>
    public static string Name(short alertDescription) =>
        AlertDescription.GetName(alertDescription) ?? $"alert {alertDescription}";
}
