using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Ice;

namespace SecureLink.Rooms.Codes;

/// <summary>
/// Candidates and fingerprints between SDP text and the record. On the way back to SDP the
/// foundation and priority are recomputed from type, address family and position only, so a
/// record always rebuilds the same lines: the peer that owns the candidates never sees them,
/// and the one that reads them only needs them distinct and sensibly ordered.
/// </summary>
internal static class CodeCandidates
{
    /// <summary>
    /// Our gathered candidates that a code can carry: UDP, component 1, host (and srflx when
    /// allowed), a plain IP address a peer can reach (no mDNS name, no link-local IPv6); the
    /// highest-priority <see cref="CodeLimits.MaxCandidates"/>, duplicates dropped.
    /// </summary>
    public static List<CodeCandidate> FromSdp(IEnumerable<string> lines, bool allowServerReflexive)
    {
        var parsed = new List<(CodeCandidate Candidate, uint Priority)>();
        foreach (var line in lines)
        {
            if (!IceCandidate.TryParse(line, out var c) || c is null) continue;
            if (c.Protocol != "udp" || c.Component != 1) continue;
            if (c.Type is not (IceCandidateType.Host or IceCandidateType.ServerReflexive)) continue;
            if (c.Type == IceCandidateType.ServerReflexive && !allowServerReflexive) continue;
            if (!IPAddress.TryParse(c.Address, out var ip) || !CandidateFormat.IsCarriable(ip) || c.Port is < 1 or > 65535) continue;
            var candidate = new CodeCandidate(ip, c.Port, c.Type == IceCandidateType.ServerReflexive);
            if (parsed.Exists(p => p.Candidate == candidate)) continue;
            parsed.Add((candidate, c.Priority));
        }
        return [.. parsed.OrderByDescending(p => p.Priority).Take(CodeLimits.MaxCandidates).Select(p => p.Candidate)];
    }

    /// <summary>Standard candidate attribute values, in record order, with recomputed foundation and priority.</summary>
    public static List<string> ToSdp(IReadOnlyList<CodeCandidate> candidates)
    {
        var lines = new List<string>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var v6 = c.Address.AddressFamily == AddressFamily.InterNetworkV6;
            var type = c.IsServerReflexive ? IceCandidateType.ServerReflexive : IceCandidateType.Host;
            // RFC 8421: IPv6 ahead of IPv4; within a family, the record's order (already by priority).
            var localPreference = (v6 ? 0xFFFF : 0x7FFF) - i;
            var foundation = (1 + CandidateFormat.TypeFamily(v6, c.IsServerReflexive)).ToString(CultureInfo.InvariantCulture)
                + i.ToString(CultureInfo.InvariantCulture);
            // A srflx candidate needs raddr/rport; browsers write the unspecified address to keep the base private.
            var (raddr, rport) = c.IsServerReflexive ? (v6 ? "::" : "0.0.0.0", (int?)0) : (null, null);
            lines.Add(new IceCandidate(foundation, 1, "udp", IcePriority.Candidate(type, localPreference), c.Address.ToString(), c.Port,
                type, raddr, rport).ToSdpAttributeValue());
        }
        return lines;
    }

    /// <summary>"sha-256 AB:CD:..." (any case) → 32 bytes; any other hash or length is refused.</summary>
    public static byte[] FingerprintBytes(string sdpValue)
    {
        var parts = sdpValue.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("sha-256", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("A code carries a SHA-256 fingerprint only.", nameof(sdpValue));
        var hex = parts[1].Split(':');
        if (hex.Length != CodeLimits.FingerprintLength || hex.Any(h => h.Length != 2))
            throw new ArgumentException("The SHA-256 fingerprint must be 32 colon-separated hex bytes.", nameof(sdpValue));
        try
        {
            return Convert.FromHexString(string.Concat(hex));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The SHA-256 fingerprint has a character that is not hex.", nameof(sdpValue), e);
        }
    }

    /// <summary>32 bytes → "sha-256 AB:CD:..." (upper-case hex, as our DTLS layer writes it).</summary>
    public static string FingerprintSdp(byte[] fingerprint) =>
        "sha-256 " + string.Join(':', fingerprint.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
