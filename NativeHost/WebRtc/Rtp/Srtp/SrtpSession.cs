namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// Both directions of one SRTP session: <see cref="Outbound"/> keyed with our write key,
/// <see cref="Inbound"/> with the peer's. Sits beside SCTP over the DTLS association.
/// </summary>
public sealed class SrtpSession : IDisposable
{
    public SrtpSession(SrtpMasterKey local, SrtpMasterKey remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        if (local.Profile != remote.Profile) throw new ArgumentException("both directions must use the same profile", nameof(remote));
        Outbound = new SrtpContext(local);
        Inbound = new SrtpContext(remote);
    }

    /// <summary>
    /// From the DTLS-SRTP export of RFC 5764 §4.2: the DTLS client sends with the client write key
    /// and salt, the server with the server's.
    /// </summary>
    public static SrtpSession FromDtls(SrtpProfile profile, bool isDtlsClient,
        byte[] clientMasterKey, byte[] clientMasterSalt, byte[] serverMasterKey, byte[] serverMasterSalt)
    {
        var client = new SrtpMasterKey(profile, clientMasterKey, clientMasterSalt);
        var server = new SrtpMasterKey(profile, serverMasterKey, serverMasterSalt);
        return isDtlsClient ? new SrtpSession(client, server) : new SrtpSession(server, client);
    }

    public SrtpProfile Profile => Outbound.Profile;
    public SrtpContext Outbound { get; }
    public SrtpContext Inbound { get; }

    public void Dispose()
    {
        Outbound.Dispose();
        Inbound.Dispose();
    }
}
