namespace SecureLink.WebRtc.Sctp.Association;

/// <summary>
/// The sent-but-not-cumulatively-acked chunks, indexed by TSN: TSNs are assigned in order, so entry i
/// holds TSN First+i and lookups from gap blocks are O(1) (a sorted map would allocate per chunk).
/// </summary>
internal sealed class ChunkRing
{
    private OutboundChunk[] _items = new OutboundChunk[256];
    private int _head, _count;

    public int Count => _count;
    public uint FirstTsn => _items[_head].Tsn;

    public OutboundChunk this[int index] => _items[(_head + index) & (_items.Length - 1)];

    public void Add(OutboundChunk chunk)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = chunk;
        _count++;
    }

    public OutboundChunk RemoveFirst()
    {
        var c = _items[_head];
        _items[_head] = null!;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return c;
    }

    /// <summary>The chunk with this TSN, or null when it is not outstanding.</summary>
    public OutboundChunk? Find(uint tsn)
    {
        if (_count == 0) return null;
        var index = tsn - FirstTsn;
        return index < (uint)_count ? this[(int)index] : null;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _head = _count = 0;
    }

    private void Grow()
    {
        var bigger = new OutboundChunk[_items.Length * 2];
        for (var i = 0; i < _count; i++) bigger[i] = this[i];
        _items = bigger;
        _head = 0;
    }
}
