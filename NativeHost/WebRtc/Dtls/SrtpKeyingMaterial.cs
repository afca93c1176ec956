namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// SRTP master keys and salts exported from the DTLS session (RFC 5764 §4.2):
/// the exporter output, label "EXTRACTOR-dtls_srtp", split as
/// client_write_key | server_write_key | client_write_salt | server_write_salt.
/// The DTLS client protects what it sends with the client key; the server with the server key.
/// </summary>
public sealed record SrtpKeyingMaterial(
    SrtpProtectionProfile Profile,
    byte[] ClientMasterKey,
    byte[] ClientMasterSalt,
    byte[] ServerMasterKey,
    byte[] ServerMasterSalt)
{
    /// <summary>Splits raw exporter output per RFC 5764 §4.2.</summary>
    internal static SrtpKeyingMaterial Split(SrtpProtectionProfile profile, ReadOnlySpan<byte> exported)
    {
        var k = profile.KeyLength();
        var s = profile.SaltLength();
        if (exported.Length != 2 * (k + s))
            throw new ArgumentException("Exporter output has the wrong length for this profile.", nameof(exported));
        return new SrtpKeyingMaterial(
            profile,
            ClientMasterKey: exported[..k].ToArray(),
            ClientMasterSalt: exported.Slice(2 * k, s).ToArray(),
            ServerMasterKey: exported.Slice(k, k).ToArray(),
            ServerMasterSalt: exported.Slice(2 * k + s, s).ToArray());
    }

    /// <summary>Zeroes the key bytes held by this record.</summary>
    public void Clear()
    {
        Array.Clear(ClientMasterKey);
        Array.Clear(ClientMasterSalt);
        Array.Clear(ServerMasterKey);
        Array.Clear(ServerMasterSalt);
    }

    // Never print keys, even in a debugger or a log line that formats the record.
    public override string ToString() => $"SrtpKeyingMaterial {{ Profile = {Profile} }}";
}
