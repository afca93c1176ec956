namespace SecureLink.Rooms.Pake;

/// <summary>
/// The creator's lockout policy, pure logic: after <c>maxAttempts</c> wrong PINs the room is
/// burned and a new invite (with a new PIN) is needed. Only <see cref="PakeFailure.WrongPin"/>
/// is recorded here; protocol errors and timeouts reveal nothing about the PIN and are not.
/// Thread-safe, because two joiners could race on one room.
/// </summary>
public sealed class AttemptCounter
{
    private readonly object _gate = new();
    private int _failed;

    /// <summary>Creates a counter allowing <paramref name="maxAttempts"/> wrong PINs (at least 1).</summary>
    public AttemptCounter(int maxAttempts = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        MaxAttempts = maxAttempts;
    }

    /// <summary>How many wrong PINs burn the room.</summary>
    public int MaxAttempts { get; }

    /// <summary>Wrong PINs so far (never more than <see cref="MaxAttempts"/>).</summary>
    public int Failed { get { lock (_gate) return _failed; } }

    /// <summary>Attempts left before the room burns.</summary>
    public int Remaining { get { lock (_gate) return MaxAttempts - _failed; } }

    /// <summary>True once <see cref="MaxAttempts"/> wrong PINs were recorded: accept no further PIN check.</summary>
    public bool Burned { get { lock (_gate) return _failed >= MaxAttempts; } }

    /// <summary>Records one wrong PIN. Once burned it stays burned; extra calls change nothing.</summary>
    public void RecordWrongPin()
    {
        lock (_gate)
            if (_failed < MaxAttempts) _failed++;
    }

    /// <summary>
    /// One sentence telling the creator exactly what the last wrong PIN consumed and what to do
    /// next (the lesson of magic-wormhole#395: never say "try again" for something already spent).
    /// </summary>
    public string DescribeForCreator()
    {
        var failed = Failed;
        if (failed == 0) return $"No wrong PIN yet; {MaxAttempts} attempts allowed for this room.";
        if (failed >= MaxAttempts)
            return $"Wrong PIN {MaxAttempts} times: this room is closed for good. Start a new room to get a new invite and PIN.";
        var left = MaxAttempts - failed;
        return $"Wrong PIN: that used 1 of this room's {MaxAttempts} attempts; {left} left. The same invite still works; check the PIN and connect again.";
    }
}
