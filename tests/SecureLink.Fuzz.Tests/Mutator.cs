namespace SecureLink.Fuzz.Tests;

/// <summary>
/// Seeded, dumb mutations in the style of libFuzzer's default set: bit flips, interesting values,
/// inserts, deletes, duplicated runs and splices with another seed. Deterministic for a given seed
/// so a regression run and a crash can be replayed exactly.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x20, 0x0A, 0x0D, 0x3A, 0x22, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C];
    private readonly Random _random = new(seed);

    public const int MaxLength = 1 << 16;

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> others)
    {
        var data = new List<byte>(input);
        var steps = 1 + _random.Next(4);
        for (var i = 0; i < steps; i++) Step(data, others);
        if (data.Count > MaxLength) data.RemoveRange(MaxLength, data.Count - MaxLength);
        return [.. data];
    }

    private void Step(List<byte> d, IReadOnlyList<byte[]> others)
    {
        switch (_random.Next(9))
        {
            case 0 when d.Count > 0: // flip one bit
                var at = _random.Next(d.Count);
                d[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when d.Count > 0: // random byte
                d[_random.Next(d.Count)] = (byte)_random.Next(256);
                break;
            case 2 when d.Count > 0: // interesting byte
                d[_random.Next(d.Count)] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 3: // insert random bytes
                var pos = _random.Next(d.Count + 1);
                var n = 1 + _random.Next(8);
                for (var i = 0; i < n; i++) d.Insert(pos, (byte)_random.Next(256));
                break;
            case 4 when d.Count > 0: // delete a run
                var start = _random.Next(d.Count);
                d.RemoveRange(start, Math.Min(d.Count - start, 1 + _random.Next(16)));
                break;
            case 5 when d.Count > 1: // duplicate a run elsewhere
                var from = _random.Next(d.Count);
                var run = d.GetRange(from, Math.Min(d.Count - from, 1 + _random.Next(32)));
                d.InsertRange(_random.Next(d.Count + 1), run);
                break;
            case 6 when d.Count >= 2: // big-endian 16-bit length-ish field to an edge value
                var p = _random.Next(d.Count - 1);
                var v = (ushort)(_random.Next(3) switch { 0 => 0, 1 => 0xFFFF, _ => d.Count + _random.Next(-4, 5) });
                d[p] = (byte)(v >> 8);
                d[p + 1] = (byte)v;
                break;
            case 7 when others.Count > 0: // splice: our head, another seed's tail
                var other = others[_random.Next(others.Count)];
                var cut = _random.Next(d.Count + 1);
                var otherCut = _random.Next(other.Length + 1);
                d.RemoveRange(cut, d.Count - cut);
                d.AddRange(other.AsSpan(otherCut).ToArray());
                break;
            case 8 when d.Count > 0: // truncate
                var keep = _random.Next(d.Count);
                d.RemoveRange(keep, d.Count - keep);
                break;
            default:
                if (d.Count == 0) d.Add((byte)_random.Next(256));
                break;
        }
    }
}
