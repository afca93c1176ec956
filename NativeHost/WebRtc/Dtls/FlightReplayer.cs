using System.Diagnostics;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// Two gaps in BouncyCastle's handshake retransmission, closed at the datagram level:
/// <list type="number">
/// <item>Its timer doubles up to 60 s (RFC 6347's ceiling), but our whole handshake has 20 s,
/// so on a lossy link a few unlucky rounds leave it silent until the deadline. While
/// handshaking we re-send BouncyCastle's last flight ourselves whenever it has been quiet for
/// <see cref="MaxInterval"/>: back-off up to that cap, then steady.</item>
/// <item>As server, once its handshake is done it re-sends its final flight (ChangeCipherSpec +
/// Finished) only after receiving the client's whole previous flight again; with loss, the
/// client may retransmit many times first. After our server handshake we instead answer any
/// handshake or ChangeCipherSpec datagram from the client (it is still waiting) with that final
/// flight, until the client's first application data shows it is through (bounded).</item>
/// </list>
/// A replay must look like a fresh retransmission, not a duplicate: BouncyCastle marks an early
/// ChangeCipherSpec as seen in its replay window even when it ignores it (it arrived before the
/// key exchange it follows), so a byte-identical copy would never be processed. Unprotected
/// (epoch 0) records carry no MAC, so every epoch-0 record we send, BouncyCastle's own or a
/// replay, is renumbered into one increasing sequence. Protected records (the Finished) are
/// replayed as they are; the peer drops them only if it already has them.
/// Sends are serialised by the adapter's send lock; the rest runs on BouncyCastle's thread.
/// </summary>
internal sealed class FlightReplayer(TimeSpan maxInterval)
{
    private const int MaxPostHandshakeReplays = 16;

    private readonly List<byte[]> _flight = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _receivedSinceLastSend = true;
    private TimeSpan _lastSend;
    private int _postHandshakeReplays;

    private enum Mode { Handshake, ServerFinished, Off }

    private Mode _mode = Mode.Handshake;

    public TimeSpan MaxInterval { get; } = maxInterval;

    /// <summary>Datagrams we re-sent on BouncyCastle's behalf.</summary>
    public long Replayed { get; private set; }

    private long _epoch0Shift;
    private long _epoch0Highest = -1;

    /// <summary>Renumbers the epoch-0 records of a datagram BouncyCastle is sending (in place).</summary>
    public byte[] Renumber(byte[] datagram)
    {
        ForEachEpoch0Record(datagram, offset =>
        {
            var seq = ReadSeq(datagram, offset) + _epoch0Shift;
            WriteSeq(datagram, offset, seq);
            if (seq > _epoch0Highest) _epoch0Highest = seq;
        });
        return datagram;
    }

    /// <summary>A copy of a recorded datagram with fresh epoch-0 sequence numbers above every one
    /// used so far; BouncyCastle's later records are shifted up to stay above them.</summary>
    public byte[] Refresh(byte[] recorded)
    {
        var copy = (byte[])recorded.Clone();
        ForEachEpoch0Record(copy, offset =>
        {
            WriteSeq(copy, offset, ++_epoch0Highest);
            _epoch0Shift++;
        });
        return copy;
    }

    private static void ForEachEpoch0Record(byte[] datagram, Action<int> action)
    {
        var offset = 0;
        while (offset + 13 <= datagram.Length)
        {
            if (datagram[offset + 3] == 0 && datagram[offset + 4] == 0) action(offset);
            offset += 13 + ((datagram[offset + 11] << 8) | datagram[offset + 12]);
        }
    }

    private static long ReadSeq(byte[] d, int o)
    {
        long seq = 0;
        for (var i = 5; i < 11; i++) seq = (seq << 8) | d[o + i];
        return seq;
    }

    private static void WriteSeq(byte[] d, int o, long seq)
    {
        for (var i = 10; i >= 5; i--)
        {
            d[o + i] = (byte)seq;
            seq >>= 8;
        }
    }

    /// <summary>BouncyCastle sent a datagram. Consecutive sends with no receive between them are one flight.</summary>
    public void OnSend(byte[] datagram)
    {
        if (_mode != Mode.Handshake) return;
        if (_receivedSinceLastSend)
        {
            _flight.Clear();
            _receivedSinceLastSend = false;
        }
        _flight.Add(datagram);
        _lastSend = _clock.Elapsed;
    }

    /// <summary>BouncyCastle is about to wait for input: its current flight is complete.</summary>
    public void OnReceiveCall() => _receivedSinceLastSend = true;

    /// <summary>How long the wait may last before a timed replay is due (infinite when none is).</summary>
    public TimeSpan UntilReplayDue()
    {
        if (_mode != Mode.Handshake || _flight.Count == 0) return Timeout.InfiniteTimeSpan;
        var due = _lastSend + MaxInterval - _clock.Elapsed;
        return due < TimeSpan.Zero ? TimeSpan.Zero : due;
    }

    /// <summary>The flight to replay now on the timer, or null.</summary>
    public IReadOnlyList<byte[]>? TakeTimedReplay()
    {
        if (UntilReplayDue() != TimeSpan.Zero) return null;
        _lastSend = _clock.Elapsed;
        Replayed += _flight.Count;
        return _flight;
    }

    /// <summary>A datagram arrived; returns the final flight to answer it with, or null.</summary>
    public IReadOnlyList<byte[]>? OnDatagram(byte[] datagram)
    {
        if (_mode != Mode.ServerFinished || datagram.Length == 0) return null;
        switch (datagram[0])
        {
            case 23: // application data: the client has our Finished
                _mode = Mode.Off;
                return null;
            case 20 or 22 when _postHandshakeReplays < MaxPostHandshakeReplays && _flight.Count > 0:
                _postHandshakeReplays++;
                Replayed += _flight.Count;
                return _flight;
            default:
                return null;
        }
    }

    /// <summary>Our handshake finished; as server keep the final flight for answering retransmissions.</summary>
    public void HandshakeFinished(bool asServer)
    {
        _mode = asServer && _flight.Count > 0 ? Mode.ServerFinished : Mode.Off;
        if (_mode == Mode.Off) _flight.Clear();
    }
}
