namespace SecureLink.WebRtc.Dtls;

/// <summary>Why BouncyCastle discarded a record (see <see cref="DtlsStatistics"/>).</summary>
internal enum RecordDrop { Replayed, Unauthenticated, OtherEpoch, Malformed }

/// <summary>A record BouncyCastle discarded: why, and its content type, epoch and sequence number (-1 when it had no header).</summary>
internal readonly record struct DroppedRecord(RecordDrop Reason, int ContentType, int Epoch, long Sequence);

/// <summary>
/// Counts the records BouncyCastle drops after the handshake, and why, without ever dropping one
/// itself. BouncyCastle keeps its own anti-replay window and discards replays, forgeries and
/// stale epochs silently; this class learns the outcome of each record from the outside:
/// <list type="bullet">
/// <item>the adapter hands BouncyCastle exactly one record per receive call and tells us which
/// (<see cref="Delivered"/>);</item>
/// <item>BouncyCastle's <c>DtlsRecordCallback</c> fires only for a record that passed its record
/// layer — MAC verified, after its own window was updated (<see cref="Authenticated"/>);</item>
/// <item>when BouncyCastle asks for the next record without having called back, the previous one
/// was discarded, and we classify it in the order BouncyCastle checks: shape, epoch, window, MAC.</item>
/// </list>
/// Security: our <see cref="RecordReplayWindow"/> is marked only from that callback, i.e. only for
/// authentic records, so a forged record with a far-ahead sequence number cannot slide it; and it
/// decides nothing — a real record is recognised by the callback, never by the window — so a
/// forgery can at worst be counted under the wrong drop reason, never make us drop or mis-count a
/// real record. Known blind spot: records BouncyCastle authenticated during the handshake (the
/// peer's Finished) are not in our window, so a copy of one arriving later is counted as
/// unauthenticated rather than replayed. Runs on BouncyCastle's thread; counters are read anywhere.
/// </summary>
internal sealed class RecordAudit(int readEpoch)
{
    private const int HeaderLength = 13;

    private readonly RecordReplayWindow _window = new(readEpoch);
    private Pending? _pending;
    private long _authenticated, _replayed, _unauthenticated, _otherEpoch, _malformed;

    private readonly record struct Pending(bool WellFormed, bool LengthMatches, int ContentType, int Epoch, long Sequence);

    /// <summary>The record about to be handed to BouncyCastle; returns the verdict on the one before it, if it was dropped.</summary>
    public DroppedRecord? Delivered(ReadOnlySpan<byte> record)
    {
        var verdict = Settle();
        _pending = Inspect(record);
        return verdict;
    }

    /// <summary>BouncyCastle's record callback: the record delivered last passed its record layer.</summary>
    public void Authenticated()
    {
        Interlocked.Increment(ref _authenticated);
        // A callback with nothing pending is a record BouncyCastle still had queued from the
        // handshake's last datagram: authentic, but of unknown number, so the window stays as it is.
        if (_pending is { } p) _window.MarkAuthenticated(p.Epoch, p.Sequence);
        _pending = null;
    }

    /// <summary>Closes the books on the record delivered last when BouncyCastle came back without calling back.</summary>
    public DroppedRecord? Settle()
    {
        if (_pending is not { } p) return null;
        _pending = null;
        RecordDrop drop;
        if (!p.WellFormed) drop = RecordDrop.Malformed;
        else if (p.Epoch != _window.Epoch) drop = RecordDrop.OtherEpoch;
        else if (_window.Check(p.Epoch, p.Sequence) is ReplayCheck.Duplicate or ReplayCheck.TooOld) drop = RecordDrop.Replayed;
        else if (!p.LengthMatches) drop = RecordDrop.Malformed;
        else drop = RecordDrop.Unauthenticated;
        switch (drop)
        {
            case RecordDrop.Replayed: Interlocked.Increment(ref _replayed); break;
            case RecordDrop.OtherEpoch: Interlocked.Increment(ref _otherEpoch); break;
            case RecordDrop.Malformed: Interlocked.Increment(ref _malformed); break;
            default: Interlocked.Increment(ref _unauthenticated); break;
        }
        return new DroppedRecord(drop, p.ContentType, p.Epoch, p.Sequence);
    }

    public DtlsStatistics Snapshot(long implausibleDatagrams) => new(
        Interlocked.Read(ref _authenticated), Interlocked.Read(ref _replayed), Interlocked.Read(ref _unauthenticated),
        Interlocked.Read(ref _otherEpoch), Interlocked.Read(ref _malformed), implausibleDatagrams);

    private Pending Inspect(ReadOnlySpan<byte> record)
    {
        if (record.Length < HeaderLength) return new Pending(false, false, -1, -1, -1);
        // The content types and the DTLS major version BouncyCastle accepts before it looks further.
        var wellFormed = record[0] is >= 20 and <= 25 && record[1] == 0xFE;
        var epoch = (record[3] << 8) | record[4];
        long sequence = 0;
        for (var i = 5; i < 11; i++) sequence = (sequence << 8) | record[i];
        var length = (record[11] << 8) | record[12];
        return new Pending(wellFormed, record.Length == HeaderLength + length, record[0], epoch, sequence);
    }
}
