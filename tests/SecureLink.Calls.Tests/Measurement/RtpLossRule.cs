using System.Globalization;
using System.Text.RegularExpressions;

namespace SecureLink.Calls.Measurement;

/// <summary>
/// Drops a given percentage of RTP packets (and only RTP) with an nftables rule, for measuring a
/// call under loss while ICE, DTLS, SCTP (the chat) and RTCP pass untouched. Matches UDP whose first
/// payload byte is 128..191 (RTP version 2, RFC 7983's demultiplexing range) and whose second byte is
/// not 192..223 (RTCP packet types 200..204 with the marker bit; RFC 5761 §4), then drops
/// <c>numgen random mod 100 &lt; N</c>. SRTP leaves those header bytes in the clear, so it works on
/// encrypted calls. Because nftables state is per network namespace, the rule refuses to exist
/// outside tests/tools/isolated.sh's private namespace; its table is removed on dispose.
/// </summary>
public sealed partial class RtpLossRule : IDisposable
{
    private readonly string _table;
    private int _disposed;

    private RtpLossRule(string table, int percent)
    {
        _table = table;
        Percent = percent;
    }

    public int Percent { get; }

    /// <summary>Installs the rule on the input hook: every packet between two local peers arrives through
    /// it exactly once, and a drop there is silent, as on a real network (dropped on output, the
    /// sender's sendto would fail with EPERM instead). <paramref name="udpPort"/> limits it to packets from or to one port.</summary>
    public static RtpLossRule Install(int percent, int? udpPort = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        EnsureIsolated(Environment.GetEnvironmentVariable("SECURELINK_ISOLATED"));
        var table = "sl_rtp_loss_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var port = udpPort is { } p ? string.Create(CultureInfo.InvariantCulture, $"udp sport {p} ") : "";
        var portDst = udpPort is { } q ? string.Create(CultureInfo.InvariantCulture, $"udp dport {q} ") : "";
        // numgen's range is 0..99, so "< 100" is refused: all means no numgen at all.
        var share = percent == 100 ? "" : string.Create(CultureInfo.InvariantCulture, $"numgen random mod 100 < {percent} ");
        var match = $"udp length >= 20 @th,64,8 128-191 @th,72,8 != 192-223 {share}counter drop";
        var rules = udpPort is null
            ? $"add rule inet {table} rtp_loss meta l4proto udp {match}\n"
            : $"add rule inet {table} rtp_loss meta l4proto udp {port}{match}\nadd rule inet {table} rtp_loss meta l4proto udp {portDst}{match}\n";
        var script = $"add table inet {table}\nadd chain inet {table} rtp_loss {{ type filter hook input priority 0; policy accept; }}\n{rules}";
        Tool.Run("nft", ["-f", "-"], stdin: script);
        return new RtpLossRule(table, percent);
    }

    /// <summary>Throws unless <paramref name="isolatedFlag"/> (SECURELINK_ISOLATED) says we run inside isolated.sh.</summary>
    public static void EnsureIsolated(string? isolatedFlag)
    {
        if (isolatedFlag != "1")
            throw new InvalidOperationException("RtpLossRule changes the namespace's firewall: run inside tests/tools/isolated.sh, never on the host's own network.");
    }

    /// <summary>Packets the rule dropped so far.</summary>
    public long Dropped
    {
        get
        {
            var listing = Tool.Run("nft", ["list", "table", "inet", _table]);
            return PacketsCounter().Matches(listing).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try { Tool.Run("nft", ["delete", "table", "inet", _table]); }
        catch (InvalidOperationException) { /* already gone with its namespace */ }
    }

    [GeneratedRegex(@"counter packets (\d+)")]
    private static partial Regex PacketsCounter();
}
