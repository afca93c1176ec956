namespace SecureLink.Host.Session;

/// <summary>
/// The exit hook: everything that must be wiped registers here, and <see cref="WipeAll"/> runs once
/// however the host ends. Thread-safe because a signal can arrive while the read loop exits.
/// </summary>
public sealed class WipeRegistry
{
    private readonly Lock _gate = new();
    private readonly List<IWipeable> _items = [];
    private bool _wiped;

    public void Add(IWipeable item)
    {
        lock (_gate) _items.Add(item);
    }

    /// <summary>Wipes every registered item, newest first; later calls do nothing. One failing item does not stop the rest.</summary>
    public void WipeAll()
    {
        IWipeable[] items;
        lock (_gate)
        {
            if (_wiped) return;
            _wiped = true;
            items = [.. _items];
            _items.Clear();
        }
        for (var i = items.Length - 1; i >= 0; i--)
        {
            try { items[i].Wipe(); }
            catch (Exception) { /* a wipe must never keep the others from running */ }
        }
    }

    public bool IsWiped
    {
        get { lock (_gate) return _wiped; }
    }
}
