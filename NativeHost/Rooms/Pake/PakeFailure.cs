namespace SecureLink.Rooms.Pake;

/// <summary>Why a PIN check ended without a key. Only <see cref="WrongPin"/> counts as an attempt.</summary>
public enum PakeFailure
{
    /// <summary>
    /// The key confirmation did not match: the PINs differ, or someone in the middle changed the
    /// fingerprints. Counts as one attempt against the room (see <see cref="AttemptCounter"/>).
    /// </summary>
    WrongPin,

    /// <summary>
    /// A malformed, unexpected, replayed or out-of-order message, a proof that does not verify,
    /// a peer that gave up, or a broken channel. Reveals nothing about the PIN, so it does NOT
    /// count as an attempt; the connection is closed.
    /// </summary>
    ProtocolError,

    /// <summary>The peer did not finish within the time allowed. Does not count as an attempt.</summary>
    Timeout,
}
