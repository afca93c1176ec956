using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;

namespace SecureLink.WebRtc.Sctp.Association;

/// <summary>
/// Which peer TSNs we hold (RFC 9260 §6.2): the cumulative TSN plus the out-of-order ones above it,
/// and the duplicates to report in the next SACK.
/// </summary>
internal sealed class ReceivedTsns
{
    private const int MaxGapBlocks = 64;
    private const int MaxDuplicates = 32;
    private readonly HashSet<uint> _above = [];
    private readonly List<uint> _duplicates = [];

    public uint Cumulative { get; private set; }
    public bool HasGaps => _above.Count > 0;

    public void Reset(uint peerInitialTsn)
    {
        Cumulative = peerInitialTsn - 1;
        _above.Clear();
        _duplicates.Clear();
    }

    /// <summary>Records a TSN; false when it is a duplicate (already held).</summary>
    public bool Add(uint tsn)
    {
        if (SerialNumber.Lte(tsn, Cumulative) || _above.Contains(tsn))
        {
            if (_duplicates.Count < MaxDuplicates) _duplicates.Add(tsn);
            return false;
        }
        if (tsn == Cumulative + 1)
        {
            Cumulative = tsn;
            while (_above.Count > 0 && _above.Remove(Cumulative + 1)) Cumulative++;
        }
        else
        {
            _above.Add(tsn);
        }
        return true;
    }

    /// <summary>FORWARD-TSN: treat everything up to <paramref name="newCumulative"/> as received.</summary>
    public void SkipTo(uint newCumulative)
    {
        if (SerialNumber.Lte(newCumulative, Cumulative)) return;
        Cumulative = newCumulative;
        _above.RemoveWhere(t => SerialNumber.Lte(t, newCumulative));
        while (_above.Count > 0 && _above.Remove(Cumulative + 1)) Cumulative++;
    }

    public bool Contains(uint tsn) => SerialNumber.Lte(tsn, Cumulative) || _above.Contains(tsn);

    public SackChunk BuildSack(uint receiverWindow)
    {
        var blocks = Array.Empty<GapAckBlock>();
        if (_above.Count > 0)
        {
            var offsets = new List<uint>(_above.Count);
            foreach (var t in _above) offsets.Add(t - Cumulative);
            offsets.Sort();
            var list = new List<GapAckBlock>();
            var start = offsets[0];
            var end = start;
            for (var i = 1; i <= offsets.Count && list.Count < MaxGapBlocks; i++)
            {
                if (i < offsets.Count && offsets[i] == end + 1)
                {
                    end = offsets[i];
                    continue;
                }
                // Offsets past 65535 cannot be expressed in a gap block; the sender learns of them later.
                if (end > ushort.MaxValue) break;
                list.Add(new GapAckBlock((ushort)start, (ushort)end));
                if (i < offsets.Count) start = end = offsets[i];
            }
            blocks = list.ToArray();
        }
        var dups = _duplicates.Count > 0 ? _duplicates.ToArray() : [];
        _duplicates.Clear();
        return new SackChunk(Cumulative, receiverWindow, blocks, dups);
    }
}
