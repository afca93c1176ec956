namespace SecureLink.Rooms.Chat;

/// <summary>
/// Puts frames on the channel one at a time in the order they were handed in, whoever
/// hands them in: each send is chained after the previous one (no loop, nothing to stop).
/// Continuations run on the thread pool, never inline, so a channel that delivers
/// synchronously cannot re-enter and reorder the chain.
/// </summary>
internal sealed class SerialSender(IChatChannel channel)
{
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;

    /// <summary>Queues one frame; the task ends when the channel has taken it (or failed to).</summary>
    public Task EnqueueAsync(byte[] frame, CancellationToken ct)
    {
        lock (_gate)
        {
            // The antecedent's outcome does not matter: a failed send must not block the next.
            var next = _tail.ContinueWith(_ => channel.SendAsync(frame, ct), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _tail = next;
            return next;
        }
    }
}
