using System.Globalization;
using System.Net;
using System.Text;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// One ICE candidate as SDP carries it (RFC 8839 §5.1):
/// <c>candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt; [raddr &lt;a&gt; rport &lt;p&gt;] *(&lt;name&gt; &lt;value&gt;)</c>.
/// </summary>
public sealed record IceCandidate(string Foundation, int Component, string Protocol, uint Priority,
    string Address, int Port, IceCandidateType Type, string? RelatedAddress = null, int? RelatedPort = null)
{
    /// <summary>The value after "a=", e.g. <c>candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host</c>.</summary>
    public string ToSdpAttributeValue()
    {
        var sb = new StringBuilder("candidate:");
        sb.Append(Foundation).Append(' ').Append(Component.ToString(CultureInfo.InvariantCulture)).Append(' ')
          .Append(Protocol).Append(' ').Append(Priority.ToString(CultureInfo.InvariantCulture)).Append(' ')
          .Append(Address).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture))
          .Append(" typ ").Append(TypeName(Type));
        if (RelatedAddress is not null && RelatedPort is not null)
            sb.Append(" raddr ").Append(RelatedAddress).Append(" rport ").Append(RelatedPort.Value.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public override string ToString() => ToSdpAttributeValue();

    /// <summary>True when <see cref="Address"/> is an mDNS name (Chromium hides its host addresses behind "&lt;uuid&gt;.local").</summary>
    public bool IsMdnsName => Address.EndsWith(".local", StringComparison.OrdinalIgnoreCase);

    /// <summary>The address as an IP endpoint, or null when it is a name (mDNS) or not UDP.</summary>
    public IPEndPoint? TryGetEndPoint() =>
        IPAddress.TryParse(Address, out var ip) ? new IPEndPoint(ip, Port) : null;

    /// <summary>
    /// Parses a candidate attribute, with or without "a=" and "candidate:". Unknown extension
    /// pairs (generation, ufrag, network-id, network-cost, tcptype, ...) are skipped.
    /// Throws <see cref="FormatException"/> naming the bad field.
    /// </summary>
    public static IceCandidate Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = value.Trim();
        if (s.StartsWith("a=", StringComparison.Ordinal)) s = s[2..];
        if (s.StartsWith("candidate:", StringComparison.OrdinalIgnoreCase)) s = s["candidate:".Length..];
        var f = s.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 8) throw new FormatException($"An ICE candidate needs at least 8 fields (foundation component transport priority address port typ type); got {f.Length}: \"{Shorten(value)}\".");
        var foundation = f[0];
        if (foundation.Length is 0 or > 32 || !foundation.All(IsIceChar))
            throw new FormatException($"The candidate foundation \"{Shorten(foundation)}\" must be 1–32 letters, digits, '+' or '/'.");
        if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var component) || component is < 1 or > 256)
            throw new FormatException($"The candidate component \"{Shorten(f[1])}\" must be a number 1–256.");
        var protocol = f[2].ToLowerInvariant();
        if (protocol is not ("udp" or "tcp")) throw new FormatException($"The candidate transport \"{Shorten(f[2])}\" must be udp or tcp.");
        if (!uint.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var priority) || priority == 0)
            throw new FormatException($"The candidate priority \"{Shorten(f[3])}\" must be a number 1–4294967295.");
        var address = f[4];
        if (!IPAddress.TryParse(address, out _) && !IsHostName(address))
            throw new FormatException($"The candidate address \"{Shorten(address)}\" is neither an IP address nor a host name.");
        var port = ParsePort(f[5], "port");
        if (!f[6].Equals("typ", StringComparison.OrdinalIgnoreCase)) throw new FormatException($"Expected \"typ\" after the candidate port, got \"{Shorten(f[6])}\".");
        var type = f[7].ToLowerInvariant() switch
        {
            "host" => IceCandidateType.Host,
            "srflx" => IceCandidateType.ServerReflexive,
            "prflx" => IceCandidateType.PeerReflexive,
            "relay" => IceCandidateType.Relay,
            _ => throw new FormatException($"The candidate type \"{Shorten(f[7])}\" must be host, srflx, prflx or relay."),
        };
        string? raddr = null;
        int? rport = null;
        for (var i = 8; i + 1 < f.Length; i += 2)
        {
            switch (f[i].ToLowerInvariant())
            {
                case "raddr": raddr = f[i + 1]; break;
                case "rport": rport = ParsePort(f[i + 1], "rport"); break;
            }
        }
        if ((f.Length - 8) % 2 != 0) throw new FormatException($"The candidate extension \"{Shorten(f[^1])}\" has no value.");
        return new IceCandidate(foundation, component, protocol, priority, address, port, type, raddr, rport);
    }

    /// <summary>Like <see cref="Parse"/>, but false instead of an exception.</summary>
    public static bool TryParse(string value, out IceCandidate? candidate)
    {
        try { candidate = Parse(value); return true; }
        catch (FormatException) { candidate = null; return false; }
    }

    public static string TypeName(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => "host",
        IceCandidateType.ServerReflexive => "srflx",
        IceCandidateType.PeerReflexive => "prflx",
        _ => "relay",
    };

    private static int ParsePort(string s, string name) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535
            ? p : throw new FormatException($"The candidate {name} \"{Shorten(s)}\" must be a number 0–65535.");

    private static bool IsIceChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/';

    private static bool IsHostName(string s) =>
        s.Length is > 0 and <= 253 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && s[0] != '.' && s[0] != '-';

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
