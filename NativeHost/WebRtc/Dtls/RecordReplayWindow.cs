namespace SecureLink.WebRtc.Dtls;

/// <summary>What the anti-replay window says about a received record, before anyone checked its MAC.</summary>
internal enum ReplayCheck
{
    /// <summary>Not seen yet: above the window's right edge, or a gap inside the window.</summary>
    Fresh,

    /// <summary>Inside the window, and that sequence number was already authenticated.</summary>
    Duplicate,

    /// <summary>Older than the 64 records the window covers: RFC 6347 §4.1.2.6 discards these too.</summary>
    TooOld,

    /// <summary>An epoch older than the window's (a record of a state we left).</summary>
    OlderEpoch,

    /// <summary>An epoch newer than the window's: nothing of it was authenticated yet.</summary>
    NewerEpoch,
}

/// <summary>
/// The DTLS anti-replay window (RFC 6347 §4.1.2.6, RFC 9147 §4.5.1): per epoch, the highest
/// authenticated sequence number and a 64-bit map of which of the 64 numbers up to it were
/// authenticated. <see cref="Check"/> never changes anything; only <see cref="MarkAuthenticated"/>
/// does, and the caller must call it only for a record whose MAC verified — otherwise an
/// attacker who forges a record with a far-ahead sequence number would slide the window past
/// the real records and have them counted (or dropped) as too old. Not thread-safe: one owner.
/// </summary>
internal sealed class RecordReplayWindow(int epoch)
{
    /// <summary>Records the window covers, as in both RFCs and BouncyCastle.</summary>
    public const int Size = 64;

    private const long MaxSequence = (1L << 48) - 1;

    private long _right = -1; // highest authenticated sequence number of Epoch, -1 when none
    private ulong _seen;      // bit i: _right - i was authenticated

    /// <summary>The epoch the window tracks (the read epoch).</summary>
    public int Epoch { get; private set; } = epoch;

    /// <summary>Highest authenticated sequence number of <see cref="Epoch"/>, -1 when none.</summary>
    public long RightEdge => _right;

    public ReplayCheck Check(int epoch, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        if (epoch < Epoch) return ReplayCheck.OlderEpoch;
        if (epoch > Epoch) return ReplayCheck.NewerEpoch;
        if (sequence > _right) return ReplayCheck.Fresh;
        var behind = _right - sequence;
        if (behind >= Size) return ReplayCheck.TooOld;
        return (_seen & (1UL << (int)behind)) != 0 ? ReplayCheck.Duplicate : ReplayCheck.Fresh;
    }

    /// <summary>Records that (<paramref name="epoch"/>, <paramref name="sequence"/>) passed authentication.
    /// A newer epoch starts a new, empty window (sequence numbers restart in each epoch); an older
    /// one changes nothing (such a record may be a retransmitted handshake message of the last epoch).</summary>
    public void MarkAuthenticated(int epoch, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        if (epoch < Epoch) return;
        if (epoch > Epoch)
        {
            Epoch = epoch;
            _right = -1;
            _seen = 0;
        }
        if (sequence > _right)
        {
            var ahead = sequence - _right;
            _seen = ahead >= Size ? 1UL : (_seen << (int)ahead) | 1UL;
            _right = sequence;
            return;
        }
        var behind = _right - sequence;
        if (behind < Size) _seen |= 1UL << (int)behind;
    }
}
