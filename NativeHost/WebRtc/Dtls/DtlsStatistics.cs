namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// What happened to the protected records a <see cref="DtlsTransport"/> received after its
/// handshake (see <see cref="RecordAudit"/>). Every record BouncyCastle discarded is in exactly
/// one of the dropped counters; none of them holds anything of a record's content.
/// </summary>
/// <param name="RecordsAuthenticated">Records that passed BouncyCastle's record layer (MAC verified).</param>
/// <param name="ReplayedRecords">Dropped by the anti-replay window without being decrypted: their sequence
/// number was already authenticated in this epoch, or is older than the 64-record window (RFC 6347 §4.1.2.6).</param>
/// <param name="UnauthenticatedRecords">Fresh by sequence number but dropped: the MAC did not verify (forged,
/// corrupted, or keyed for another session), or the record was otherwise invalid.</param>
/// <param name="OtherEpochRecords">Dropped because their epoch is not the one being read (e.g. a clear record after the handshake).</param>
/// <param name="MalformedRecords">Cut short or of an unknown type or version: they could never be valid.</param>
/// <param name="ImplausibleDatagrams">Datagrams from which <see cref="DtlsRecordGuard"/> removed records
/// that would have made BouncyCastle fail the session (counted before the records above, at any time).</param>
public sealed record DtlsStatistics(
    long RecordsAuthenticated,
    long ReplayedRecords,
    long UnauthenticatedRecords,
    long OtherEpochRecords,
    long MalformedRecords,
    long ImplausibleDatagrams)
{
    /// <summary>One line for logs: counts only.</summary>
    public override string ToString() =>
        $"{RecordsAuthenticated} authenticated, {ReplayedRecords} replayed, {UnauthenticatedRecords} unauthenticated, " +
        $"{OtherEpochRecords} other epoch, {MalformedRecords} malformed; {ImplausibleDatagrams} implausible datagrams";
}
