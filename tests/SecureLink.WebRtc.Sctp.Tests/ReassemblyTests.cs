using FsCheck.Xunit;
using SecureLink.WebRtc.Sctp.Association;
using SecureLink.WebRtc.Sctp.Chunks;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests;

public class ReassemblyTests
{
    private static List<DataChunk> Fragment(IReadOnlyList<byte[]> messages, ushort stream, bool unordered, uint firstTsn, int chunkSize)
    {
        var chunks = new List<DataChunk>();
        var tsn = firstTsn;
        for (var m = 0; m < messages.Count; m++)
        {
            var data = messages[m];
            for (var o = 0; o < data.Length; o += chunkSize)
            {
                var len = Math.Min(chunkSize, data.Length - o);
                chunks.Add(new DataChunk(tsn++, stream, (ushort)m, 53, data.AsMemory(o, len).ToArray(), o == 0, o + len == data.Length, unordered));
            }
        }
        return chunks;
    }

    // Any arrival order, with duplicates, gives back every message whole; ordered streams in order.
    [Property(MaxTest = 200)]
    public void Fragments_in_any_order_reassemble(int seed, bool unordered)
    {
        var random = new Random(seed);
        var messages = Enumerable.Range(0, random.Next(1, 30)).Select(i =>
        {
            var b = new byte[random.Next(1, 3000)];
            random.NextBytes(b);
            b[0] = (byte)i;
            return b;
        }).ToList();
        var chunks = Fragment(messages, 3, unordered, (uint)random.Next(), random.Next(1, 700));
        var arrivals = chunks.Concat(chunks.Where(_ => random.NextDouble() < 0.2)).OrderBy(_ => random.Next()).ToList();
        var delivered = new List<byte[]>();
        var tsns = new ReceivedTsns();
        tsns.Reset(chunks[0].Tsn);
        var reassembly = new Reassembly(1 << 20, (s, p, d) => delivered.Add(d), () => throw new InvalidOperationException("nothing is oversize"));
        foreach (var c in arrivals)
        {
            if (tsns.Add(c.Tsn)) reassembly.Add(c);
        }
        Assert.Equal(chunks[^1].Tsn, tsns.Cumulative);
        Assert.False(tsns.HasGaps);
        Assert.Equal(0, reassembly.BufferedBytes);
        if (unordered) Assert.Equal(messages.OrderBy(m => m[0]).Select(Convert.ToHexString), delivered.OrderBy(m => m[0]).Select(Convert.ToHexString));
        else Assert.Equal(messages.Select(Convert.ToHexString), delivered.Select(Convert.ToHexString));
    }

    [Fact]
    public void Sack_gap_blocks_describe_exactly_what_is_held()
    {
        var tsns = new ReceivedTsns();
        tsns.Reset(100);
        foreach (var t in new uint[] { 100, 101, 103, 104, 107, 110, 111, 112, 101 }) tsns.Add(t);
        var sack = tsns.BuildSack(5000);
        Assert.Equal(101u, sack.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(2, 3), new GapAckBlock(6, 6), new GapAckBlock(9, 11)], sack.GapAckBlocks);
        Assert.Equal([101u], sack.DuplicateTsns);
        Assert.Empty(tsns.BuildSack(5000).DuplicateTsns); // reported once
    }

    [Fact]
    public void Forward_tsn_skips_abandoned_messages_and_delivers_whole_ones_it_passes()
    {
        var delivered = new List<int>();
        var reassembly = new Reassembly(1 << 20, (s, p, d) => delivered.Add(d[0]), () => { });
        // SSN 0 lost (abandoned), SSN 1 whole, SSN 2 only its first fragment, SSN 3 whole.
        reassembly.Add(new DataChunk(11, 1, 1, 53, new byte[] { 1 }));
        reassembly.Add(new DataChunk(12, 1, 2, 53, new byte[] { 2 }, beginning: true, ending: false));
        reassembly.Add(new DataChunk(14, 1, 3, 53, new byte[] { 3 }));
        Assert.Empty(delivered);
        reassembly.Skip(12, [new ForwardTsnStream(1, 2)]);
        Assert.Equal([1, 3], delivered);
        Assert.Equal(0, reassembly.BufferedBytes);
    }
}
