using SecureLink.Rooms.Pake.Wire;

namespace SecureLink.Rooms.Pake;

/// <summary>
/// Checks that both people typed the same PIN, over the already-encrypted data channel, without
/// the PIN (or anything an eavesdropper could test guesses against) crossing the wire: J-PAKE
/// (RFC 8236) over BouncyCastle's NIST 3072-bit group, then an HMAC key confirmation bound to both
/// DTLS fingerprints. See docs/pin-authentication.md for the protocol, formats and argument.
/// </summary>
public static class PinAuthenticator
{
    private static readonly TimeSpan AbortSendLimit = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs this side's half of the PIN check. Both sides call it at the same time with their own
    /// role, PIN and view of the fingerprints.
    /// </summary>
    /// <param name="role">This side's role.</param>
    /// <param name="pin">4..10 ASCII digits (check typed input with <see cref="Pin.IsWellFormed"/>). A copy is zeroed when done.</param>
    /// <param name="binding">Both DTLS fingerprints as this side saw them, creator's first.</param>
    /// <param name="channel">Ordered, reliable message channel to the peer.</param>
    /// <param name="timeout">Time allowed for the whole check.</param>
    /// <param name="ct">Cancels the check (then <see cref="OperationCanceledException"/>, not a <see cref="PakeException"/>).</param>
    /// <returns>The session key and safety code; dispose it to zero the key.</returns>
    /// <exception cref="PakeException">WrongPin (counts as an attempt), ProtocolError or Timeout (do not).</exception>
    /// <exception cref="ArgumentException">The PIN or a fingerprint is malformed (a caller bug, not the peer's doing).</exception>
    public static async Task<PakeResult> RunAsync(PakeRole role, ReadOnlyMemory<char> pin, PakeBinding binding,
        IPakeChannel channel, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(channel);
        if (!Pin.IsWellFormed(pin.Span)) throw new ArgumentException("The PIN must be 4 to 10 digits.", nameof(pin));
        CheckFingerprint(binding.CreatorFingerprint, nameof(binding));
        CheckFingerprint(binding.JoinerFingerprint, nameof(binding));
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout));
        if (role is not (PakeRole.Creator or PakeRole.Joiner)) throw new ArgumentOutOfRangeException(nameof(role));

        using var timer = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        PakeRun run;
        var pinCopy = pin.ToArray();
        try
        {
            run = new PakeRun(role, pinCopy, binding, channel);
        }
        finally
        {
            // BC holds its own copy from here on; ours is no longer needed.
            Array.Clear(pinCopy);
        }

        try
        {
            return await run.ExecuteAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new PakeException(PakeFailure.Timeout,
                "The other side did not finish the PIN check in time; no attempt was used.");
        }
        catch (PakeException e) when (e.Failure == PakeFailure.ProtocolError && !run.PeerGone)
        {
            await TrySendAbortAsync(channel, role, linked.Token).ConfigureAwait(false);
            throw;
        }
    }

    private static void CheckFingerprint(byte[]? fingerprint, string name)
    {
        if (fingerprint is not { Length: > 0 and <= 255 })
            throw new ArgumentException("Each fingerprint must be 1 to 255 bytes.", name);
    }

    /// <summary>Best effort, bounded: the peer learns at once instead of at its timeout.</summary>
    private static async Task TrySendAbortAsync(IPakeChannel channel, PakeRole role, CancellationToken ct)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(AbortSendLimit);
            await channel.SendAsync(PakeWire.Encode(new AbortMessage(role)), limit.Token).WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The run already failed; a dead channel here changes nothing.
        }
    }
}
