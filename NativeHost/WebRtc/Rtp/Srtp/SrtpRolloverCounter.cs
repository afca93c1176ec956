namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// The rollover counter of one SSRC and the highest sequence number under it (s_l), with the
/// index guess of RFC 3711 §3.3.1 and Appendix A: a sequence number is placed in the ROC epoch
/// (ROC − 1, ROC or ROC + 1) that puts it nearest to s_l. <see cref="Update"/> runs only after
/// the packet authenticated, so a forged packet cannot move the counter.
/// </summary>
internal struct SrtpRolloverCounter
{
    private uint _roc;
    private ushort _highestSequence;
    private bool _started;

    public readonly uint Roc => _roc;
    public readonly bool Started => _started;

    /// <summary>
    /// The 48-bit index for <paramref name="sequence"/>, or false when it would fall before
    /// ROC 0 (a packet from before the stream began, as far as this side knows).
    /// </summary>
    public readonly bool TryEstimate(ushort sequence, out ulong index, out uint guessedRoc)
    {
        guessedRoc = _roc;
        if (_started)
        {
            if (_highestSequence < 32768)
            {
                if (sequence - _highestSequence > 32768)
                {
                    if (_roc == 0) { index = 0; return false; }
                    guessedRoc = _roc - 1;
                }
            }
            else if (_highestSequence - 32768 > sequence)
            {
                if (_roc == uint.MaxValue) { index = 0; return false; }
                guessedRoc = _roc + 1;
            }
        }
        index = (ulong)guessedRoc << 16 | sequence;
        return true;
    }

    public void Update(ushort sequence, uint guessedRoc)
    {
        if (!_started)
        {
            _started = true;
            _roc = guessedRoc;
            _highestSequence = sequence;
        }
        else if (guessedRoc == _roc + 1)
        {
            _roc = guessedRoc;
            _highestSequence = sequence;
        }
        else if (guessedRoc == _roc && sequence > _highestSequence)
        {
            _highestSequence = sequence;
        }
    }

    /// <summary>Starts the counter at a value learnt out of band (e.g. a sender joining mid-stream).</summary>
    public void Set(uint roc, ushort highestSequence)
    {
        _started = true;
        _roc = roc;
        _highestSequence = highestSequence;
    }
}
