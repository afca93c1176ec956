using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Call;

/// <summary>
/// Screens the peer's sequence numbers and timestamps before the jitter buffer sees them, so one
/// bad packet cannot derail playout: a lone sequence number far from the stream would make the
/// buffer think it holds seconds of audio (and discard real frames), or restart it; a wild
/// timestamp would poison the jitter estimate and with it the delay.
///
/// Sequence: more than <see cref="MaxJump"/> frames away from the highest seen is refused, unless
/// <see cref="FollowRun"/> such packets in a row continue each other (the sender really jumped or
/// restarted; after an outage that long, 60 ms more hardly matters). Timestamp: it must move the
/// same way as the sequence number, by 2.5–120 ms of audio per packet, plus up to a minute of DTX
/// silence going forward; otherwise the timestamp the sequence number predicts is used instead.
/// One caller at a time (the receive loop).
/// </summary>
internal sealed class StreamGuard
{
    internal const int MaxJump = 25;
    private const int FollowRun = 3;
    private const int MinStep = VoiceFormat.SampleRate / 400;     // 2.5 ms
    private const int MaxStep = VoiceFormat.MaxPacketSamples;     // 120 ms
    private const long MaxSilence = VoiceFormat.SampleRate * 60L;
    private bool _anchored;
    private ushort _seq;
    private uint _ts;
    private ushort _candidateSeq;
    private uint _candidateTs;
    private int _candidateRun;

    /// <summary>Timestamps replaced so far.</summary>
    internal long TimestampsReplaced { get; private set; }

    /// <summary>Packets refused for a sequence number far from the stream.</summary>
    internal long SequenceRefused { get; private set; }

    /// <summary>Whether to use the packet, and with which timestamp.</summary>
    internal bool Check(ushort seq, ref uint ts)
    {
        if (!_anchored) { Anchor(seq, ts); return true; }
        var dSeq = (short)(seq - _seq);
        if (Math.Abs((int)dSeq) > MaxJump) return Follow(seq, ts);
        _candidateRun = 0;
        var dTs = (long)(int)(ts - _ts);
        var plausible = dSeq switch
        {
            > 0 => dTs >= (long)dSeq * MinStep && dTs <= (long)dSeq * MaxStep + MaxSilence,
            < 0 => dTs <= (long)dSeq * MinStep && dTs >= (long)dSeq * MaxStep - MaxSilence,
            _ => dTs == 0,
        };
        if (!plausible)
        {
            TimestampsReplaced++;
            ts = unchecked(_ts + (uint)(dSeq * VoiceFormat.FrameSamples));
        }
        if (dSeq > 0) { _seq = seq; _ts = ts; }
        return true;
    }

    private bool Follow(ushort seq, uint ts)
    {
        var continues = _candidateRun > 0 && (short)(seq - _candidateSeq) is > 0 and <= FollowRun;
        _candidateRun = continues ? _candidateRun + 1 : 1;
        _candidateSeq = seq;
        _candidateTs = ts;
        if (_candidateRun < FollowRun)
        {
            SequenceRefused++;
            return false;
        }
        Anchor(_candidateSeq, _candidateTs);
        return true;
    }

    private void Anchor(ushort seq, uint ts)
    {
        _anchored = true;
        _candidateRun = 0;
        _seq = seq;
        _ts = ts;
    }
}
