namespace SecureLink.Rooms.Chat;

/// <summary>
/// Both halves of the typing hint, as pure decisions over a clock (the session holds the
/// lock and does the sending): ours is sent only on change and refreshed at most every
/// 3 s while it stays true; the peer's goes stale 6 s after its last refresh.
/// </summary>
internal sealed class TypingState(TimeProvider time)
{
    private bool _ownSent;
    private long _ownSentAt;
    private bool _peer;
    private long _peerRefreshedAt;

    /// <summary>Decides whether a typing frame must go out for this local state; records it if so.</summary>
    public bool ShouldSendOwn(bool typing)
    {
        if (typing == _ownSent && (!typing || time.GetElapsedTime(_ownSentAt) < ChatLimits.TypingRefreshInterval))
            return false;
        _ownSent = typing;
        _ownSentAt = time.GetTimestamp();
        return true;
    }

    /// <summary>Our message went out: the peer drops our hint on its arrival, so the next "typing" must be sent again.</summary>
    public void OwnMessageSent() => _ownSent = false;

    /// <summary>The peer's hint as of now (stale ones read false).</summary>
    public bool PeerTyping => _peer && time.GetElapsedTime(_peerRefreshedAt) < ChatLimits.PeerTypingExpiry;

    /// <summary>Applies a typing frame or (false) a message from the peer; returns the change, if any, of what is shown.</summary>
    public bool? ApplyPeer(bool typing)
    {
        var before = _peer;
        _peer = typing;
        if (typing)
            _peerRefreshedAt = time.GetTimestamp();
        return before == typing ? null : typing;
    }

    /// <summary>Time left before the peer's hint goes stale (zero or less: stale now).</summary>
    public TimeSpan PeerTimeLeft => ChatLimits.PeerTypingExpiry - time.GetElapsedTime(_peerRefreshedAt);

    /// <summary>Called by the expiry timer: true when the shown state just fell to false.</summary>
    public bool ExpirePeer()
    {
        if (!_peer || PeerTimeLeft > TimeSpan.Zero)
            return false;
        _peer = false;
        return true;
    }
}
