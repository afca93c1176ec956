using System.Text;

namespace SecureLink.Security.Tests.Sniffing;

/// <summary>What a sniffer can tell about captured datagrams: the RFC 7983 class by first byte, and DTLS record types.</summary>
public sealed class ProtocolBreakdown
{
    private readonly SortedDictionary<string, (int Count, long Bytes)> _rows = new(StringComparer.Ordinal);

    public ProtocolBreakdown(IEnumerable<byte[]> datagrams)
    {
        foreach (var d in datagrams)
        {
            if (d.Length == 0) { Add("empty", 0); continue; }
            switch (d[0])
            {
                case <= 3: Add("STUN", d.Length); break;
                case >= 20 and <= 63: AddDtls(d); break;
                case >= 128 and <= 191: Add(d.Length > 1 && d[1] is >= 192 and <= 223 ? "SRTCP" : "SRTP", d.Length); break;
                default: Add("other", d.Length); break;
            }
        }
    }

    public int Count(string row) => _rows.TryGetValue(row, out var r) ? r.Count : 0;

    public IReadOnlyCollection<string> Rows => _rows.Keys;

    private void AddDtls(byte[] d)
    {
        // A datagram may carry several records; count each record by its content type.
        var at = 0;
        while (at + 13 <= d.Length)
        {
            var length = (d[at + 11] << 8) | d[at + 12];
            var name = d[at] switch
            {
                20 => "DTLS change_cipher_spec",
                21 => d[at + 3] == 0 && d[at + 4] == 0 ? "DTLS alert (clear)" : "DTLS alert (encrypted)",
                22 => d[at + 3] == 0 && d[at + 4] == 0 ? "DTLS handshake (clear)" : "DTLS handshake (encrypted)",
                23 => "DTLS application_data",
                _ => "DTLS other",
            };
            Add(name, Math.Min(13 + length, d.Length - at));
            at += 13 + length;
        }
    }

    private void Add(string row, long bytes)
    {
        _rows.TryGetValue(row, out var r);
        _rows[row] = (r.Count + 1, r.Bytes + bytes);
    }

    /// <summary>A markdown table, for docs/security.md.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder("| what | records / datagrams | bytes |\n|---|---:|---:|\n");
        foreach (var (name, (count, bytes)) in _rows) sb.Append($"| {name} | {count} | {bytes} |\n");
        return sb.ToString();
    }
}
