namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// Which side of the DTLS handshake we play. SDP <c>a=setup:active</c> means
/// <see cref="Client"/> (sends the ClientHello), <c>passive</c> means <see cref="Server"/>;
/// an offer says <c>actpass</c> and the answerer picks.
/// </summary>
public enum DtlsRole
{
    Client,
    Server,
}
