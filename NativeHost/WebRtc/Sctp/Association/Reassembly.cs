using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;

namespace SecureLink.WebRtc.Sctp.Association;

/// <summary>
/// Turns received DATA chunks back into messages (RFC 9260 §6.5, §6.9): fragments of a message
/// have consecutive TSNs from B to E; ordered messages leave in SSN order per stream, unordered
/// ones as soon as they are whole. Messages over the size limit are dropped (and their SSN skipped).
/// </summary>
internal sealed class Reassembly(int maxMessageSize, Action<ushort, uint, byte[]> deliver, Action droppedOversize)
{
    private readonly Dictionary<ushort, OrderedStream> _ordered = [];
    private readonly Dictionary<uint, DataChunk> _unordered = [];

    /// <summary>Payload bytes held here waiting for the rest of their message or their turn.</summary>
    public long BufferedBytes { get; private set; }

    public void Add(DataChunk chunk)
    {
        if (chunk.Unordered) AddUnordered(chunk);
        else AddOrdered(chunk);
    }

    private void AddOrdered(DataChunk chunk)
    {
        if (!_ordered.TryGetValue(chunk.StreamId, out var stream))
            _ordered[chunk.StreamId] = stream = new OrderedStream();
        if (SerialNumber.Lt(chunk.Ssn, stream.NextSsn)) return; // stale: already delivered or skipped
        if (chunk.Beginning && chunk.Ending && chunk.Ssn == stream.NextSsn && stream.Pending.Count == 0)
        {
            stream.NextSsn++;
            deliver(chunk.StreamId, chunk.Ppid, AsArray(chunk.Payload));
            return;
        }
        if (!stream.Pending.TryGetValue(chunk.Ssn, out var fragments))
            stream.Pending[chunk.Ssn] = fragments = new Fragments();
        Hold(fragments, chunk);
        DeliverReady(chunk.StreamId, stream);
    }

    private void DeliverReady(ushort streamId, OrderedStream stream)
    {
        while (stream.Pending.TryGetValue(stream.NextSsn, out var f) && f.IsComplete)
        {
            stream.Pending.Remove(stream.NextSsn);
            stream.NextSsn++;
            Release(streamId, f);
        }
    }

    private void AddUnordered(DataChunk chunk)
    {
        if (chunk.Beginning && chunk.Ending)
        {
            deliver(chunk.StreamId, chunk.Ppid, AsArray(chunk.Payload));
            return;
        }
        _unordered[chunk.Tsn] = chunk;
        BufferedBytes += chunk.Payload.Length;
        // Walk back to B and forward to E through consecutive TSNs; whole only if both are found.
        var first = chunk.Tsn;
        while (!_unordered[first].Beginning)
        {
            if (!_unordered.ContainsKey(first - 1)) return;
            first--;
        }
        var last = chunk.Tsn;
        while (!_unordered[last].Ending)
        {
            if (!_unordered.ContainsKey(last + 1)) return;
            last++;
        }
        var f = new Fragments();
        for (var t = first; t != last + 1; t++)
        {
            var c = _unordered[t];
            _unordered.Remove(t);
            BufferedBytes -= c.Payload.Length;
            f.Chunks.Add(c);
            f.TotalLength += c.Payload.Length;
        }
        if (f.TotalLength > maxMessageSize) droppedOversize();
        else deliver(chunk.StreamId, f.Chunks[0].Ppid, Concatenate(f));
    }

    private void Hold(Fragments f, DataChunk chunk)
    {
        foreach (var c in f.Chunks)
        {
            if (c.Tsn == chunk.Tsn) return;
        }
        if (f.Oversize) chunk = Stripped(chunk);
        var index = f.Chunks.Count;
        while (index > 0 && SerialNumber.Gt(f.Chunks[index - 1].Tsn, chunk.Tsn)) index--;
        f.Chunks.Insert(index, chunk);
        f.TotalLength += chunk.Payload.Length;
        BufferedBytes += chunk.Payload.Length;
        if (f.TotalLength > maxMessageSize && !f.Oversize)
        {
            // Keep only the TSN bookkeeping: the bytes of a message we will refuse are what a hostile peer
            // would use to fill our memory, and holding them would close our window for good.
            f.Oversize = true;
            BufferedBytes -= f.TotalLength;
            for (var i = 0; i < f.Chunks.Count; i++) f.Chunks[i] = Stripped(f.Chunks[i]);
        }
    }

    private static DataChunk Stripped(DataChunk c) =>
        new(c.Tsn, c.StreamId, c.Ssn, c.Ppid, ReadOnlyMemory<byte>.Empty, c.Beginning, c.Ending, c.Unordered);

    private void Release(ushort streamId, Fragments f)
    {
        if (f.Oversize)
        {
            droppedOversize();
            return;
        }
        BufferedBytes -= f.TotalLength;
        deliver(streamId, f.Chunks[0].Ppid, f.Chunks.Count == 1 ? AsArray(f.Chunks[0].Payload) : Concatenate(f));
    }

    /// <summary>FORWARD-TSN (RFC 3758 §3.6): drop what was abandoned and let the listed streams move on.</summary>
    public void Skip(uint newCumulativeTsn, ForwardTsnStream[] streams)
    {
        foreach (var tsn in _unordered.Keys.Where(t => SerialNumber.Lte(t, newCumulativeTsn)).ToList())
        {
            BufferedBytes -= _unordered[tsn].Payload.Length;
            _unordered.Remove(tsn);
        }
        foreach (var s in streams)
        {
            if (!_ordered.TryGetValue(s.StreamId, out var stream))
                _ordered[s.StreamId] = stream = new OrderedStream();
            // Whole messages held at or below the skipped SSN are still delivered, in order (as usrsctp does);
            // only incomplete ones are given up.
            var skipped = stream.Pending.Keys.Where(k => SerialNumber.Lte(k, s.Ssn)).ToList();
            skipped.Sort((x, y) => SerialNumber.Lt(x, y) ? -1 : x == y ? 0 : 1);
            foreach (var ssn in skipped)
            {
                var f = stream.Pending[ssn];
                stream.Pending.Remove(ssn);
                if (f.IsComplete) Release(s.StreamId, f);
                else if (!f.Oversize) BufferedBytes -= f.TotalLength;
            }
            if (SerialNumber.Gte((ushort)(s.Ssn + 1), stream.NextSsn)) stream.NextSsn = (ushort)(s.Ssn + 1);
            DeliverReady(s.StreamId, stream);
        }
    }

    /// <summary>RFC 6525: after an incoming stream reset the peer starts again at SSN 0.</summary>
    public void ResetStream(ushort streamId)
    {
        if (_ordered.TryGetValue(streamId, out var stream))
        {
            foreach (var f in stream.Pending.Values)
            {
                if (!f.Oversize) BufferedBytes -= f.TotalLength;
            }
            _ordered.Remove(streamId);
        }
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> payload) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(payload, out var seg) && seg.Offset == 0 && seg.Count == seg.Array!.Length
            ? seg.Array
            : payload.ToArray();

    private static byte[] Concatenate(Fragments f)
    {
        var data = new byte[f.TotalLength];
        var o = 0;
        foreach (var c in f.Chunks)
        {
            c.Payload.Span.CopyTo(data.AsSpan(o));
            o += c.Payload.Length;
        }
        return data;
    }

    private sealed class OrderedStream
    {
        public ushort NextSsn;
        public readonly Dictionary<ushort, Fragments> Pending = [];
    }

    private sealed class Fragments
    {
        public readonly List<DataChunk> Chunks = new(4);
        public int TotalLength;
        public bool Oversize;

        public bool IsComplete => Chunks.Count > 0 && Chunks[0].Beginning && Chunks[^1].Ending
            && Chunks[^1].Tsn - Chunks[0].Tsn == (uint)(Chunks.Count - 1);
    }
}
