using System.Security.Cryptography;
using System.Text;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// A certificate fingerprint as SDP carries it (RFC 8122 §5, <c>a=fingerprint</c>):
/// a hash function name and the upper-case, colon-separated hex of the hash of the
/// DER certificate. This is the only thing that authenticates a self-signed WebRTC peer.
/// </summary>
/// <param name="Algorithm">Lower-case hash name: "sha-256" (what browsers use), "sha-1", "sha-384" or "sha-512".</param>
/// <param name="Value">"AB:CD:...", upper-case hex pairs.</param>
public sealed record DtlsFingerprint(string Algorithm, string Value)
{
    private static readonly string[] Known = ["sha-1", "sha-256", "sha-384", "sha-512"];

    /// <summary>Parses "sha-256 AB:cd:..." (algorithm and hex are case-insensitive) into
    /// canonical form. Throws <see cref="FormatException"/> with a clear message.</summary>
    public static DtlsFingerprint Parse(string sdpValue)
    {
        ArgumentNullException.ThrowIfNull(sdpValue);
        var text = sdpValue.Trim();
        if (text.StartsWith("a=", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        if (text.StartsWith("fingerprint:", StringComparison.OrdinalIgnoreCase)) text = text["fingerprint:".Length..];
        var space = text.IndexOfAny([' ', '\t']);
        if (space <= 0)
            throw new FormatException("A certificate fingerprint must look like \"sha-256 AB:CD:...\".");
        var algorithm = text[..space].ToLowerInvariant();
        var hex = text[(space + 1)..].Trim();
        if (Array.IndexOf(Known, algorithm) < 0)
            throw new FormatException($"Unsupported fingerprint hash \"{algorithm}\" (expected sha-256, sha-1, sha-384 or sha-512).");

        var pairs = hex.Split(':');
        if (pairs.Length != HashLength(algorithm))
            throw new FormatException($"A {algorithm} fingerprint has {HashLength(algorithm)} bytes, this one has {pairs.Length}.");
        var canonical = new StringBuilder(pairs.Length * 3);
        foreach (var pair in pairs)
        {
            if (pair.Length != 2 || !Uri.IsHexDigit(pair[0]) || !Uri.IsHexDigit(pair[1]))
                throw new FormatException($"\"{pair}\" in a certificate fingerprint is not a hex byte.");
            if (canonical.Length > 0) canonical.Append(':');
            canonical.Append(char.ToUpperInvariant(pair[0])).Append(char.ToUpperInvariant(pair[1]));
        }
        return new DtlsFingerprint(algorithm, canonical.ToString());
    }

    /// <summary>Tries <see cref="Parse"/>.</summary>
    public static bool TryParse(string? sdpValue, out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        if (sdpValue is null) return false;
        try
        {
            fingerprint = Parse(sdpValue);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>"sha-256 AB:CD:..." for an <c>a=fingerprint:</c> line.</summary>
    public string ToSdpValue() => $"{Algorithm} {Value}";

    /// <summary>Fingerprint of a DER certificate with the given hash ("sha-256" by default).</summary>
    public static DtlsFingerprint Compute(ReadOnlySpan<byte> derCertificate, string algorithm = "sha-256")
    {
        var name = algorithm.ToLowerInvariant();
        byte[] hash = name switch
        {
            "sha-1" => SHA1.HashData(derCertificate),
            "sha-256" => SHA256.HashData(derCertificate),
            "sha-384" => SHA384.HashData(derCertificate),
            "sha-512" => SHA512.HashData(derCertificate),
            _ => throw new ArgumentException($"Unsupported fingerprint hash \"{algorithm}\".", nameof(algorithm)),
        };
        return new DtlsFingerprint(name, Convert.ToHexString(hash).Chunk(2).Aggregate(
            new StringBuilder(), (sb, c) => (sb.Length > 0 ? sb.Append(':') : sb).Append(c)).ToString());
    }

    /// <summary>True when <paramref name="derCertificate"/> hashes to this fingerprint.
    /// Constant-time over the hash bytes (the values are public, but it costs nothing).</summary>
    public bool Matches(ReadOnlySpan<byte> derCertificate)
    {
        var actual = Compute(derCertificate, Algorithm);
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(actual.Value), Encoding.ASCII.GetBytes(Value.ToUpperInvariant()));
    }

    /// <summary>Case-insensitive comparison of algorithm and value.</summary>
    public bool Equals(DtlsFingerprint? other) =>
        other is not null
        && string.Equals(Algorithm, other.Algorithm, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(Algorithm), StringComparer.OrdinalIgnoreCase.GetHashCode(Value));

    private static int HashLength(string algorithm) => algorithm switch
    {
        "sha-1" => 20,
        "sha-256" => 32,
        "sha-384" => 48,
        _ => 64,
    };
}
