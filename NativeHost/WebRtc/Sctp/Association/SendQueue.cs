namespace SecureLink.WebRtc.Sctp.Association;

/// <summary>
/// Chunks waiting for their first transmission, one FIFO per stream, served round-robin one whole
/// message at a time: a bulk transfer on one data channel must not hold a chat message on another
/// behind megabytes of backlog. A message's fragments stay together, so they get consecutive TSNs
/// (RFC 9260 §6.9 requires that for reassembly).
/// </summary>
internal sealed class SendQueue
{
    private readonly Dictionary<ushort, Queue<OutboundChunk>> _streams = [];
    private readonly LinkedList<ushort> _order = new();

    public int Count { get; private set; }

    public void Enqueue(OutboundChunk chunk)
    {
        var id = chunk.Message.StreamId;
        if (!_streams.TryGetValue(id, out var queue))
        {
            _streams[id] = queue = new Queue<OutboundChunk>();
            _order.AddLast(id);
        }
        queue.Enqueue(chunk);
        Count++;
    }

    public OutboundChunk Peek() => _streams[_order.First!.Value].Peek();

    public OutboundChunk Dequeue()
    {
        var id = _order.First!.Value;
        var queue = _streams[id];
        var chunk = queue.Dequeue();
        Count--;
        if (chunk.Ending)
        {
            // The message is complete: the next stream's turn.
            _order.RemoveFirst();
            if (queue.Count > 0) _order.AddLast(id);
            else _streams.Remove(id);
        }
        else if (queue.Count == 0)
        {
            // Only an abandoned message can end without its E fragment queued; do not wait for it.
            _order.RemoveFirst();
            _streams.Remove(id);
        }
        return chunk;
    }
}
