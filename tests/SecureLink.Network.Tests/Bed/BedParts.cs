namespace SecureLink.Network.Bed;

/// <summary>
/// What a test bed (<see cref="Lan"/>, <see cref="Internet"/>) built, torn down in reverse order;
/// a build that fails half-way tears down what it had, so no namespace outlives a failed set-up.
/// </summary>
public sealed class BedParts : IDisposable
{
    private readonly List<IDisposable> _parts = [];

    /// <summary>Builds <paramref name="bed"/> with <paramref name="build"/>; on failure disposes it and rethrows.</summary>
    public static TBed Build<TBed>(TBed bed, Action<TBed> build) where TBed : IDisposable
    {
        try
        {
            build(bed);
            return bed;
        }
        catch
        {
            bed.Dispose();
            throw;
        }
    }

    public T Own<T>(T part) where T : IDisposable
    {
        _parts.Add(part);
        return part;
    }

    public void Dispose()
    {
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            try { _parts[i].Dispose(); }
            catch (Exception) { /* keep tearing down the rest */ }
        }
        _parts.Clear();
    }
}
