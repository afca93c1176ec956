using FsCheck;
using FsCheck.Fluent;
using SecureLink.WebRtc.Dtls;

namespace SecureLink.WebRtc.Dtls.Tests;

public sealed class FingerprintTests
{
    private const string Chromium =
        "sha-256 2E:5B:19:0E:3E:52:9B:32:0F:A2:6D:5E:7A:4D:30:72:5B:0A:32:8C:6F:2B:E3:D2:4A:15:61:9E:2C:1E:74:9B";

    [Fact]
    public void Parses_a_browser_fingerprint_and_writes_it_back_unchanged()
    {
        var f = DtlsFingerprint.Parse(Chromium);
        Assert.Equal("sha-256", f.Algorithm);
        Assert.Equal(Chromium, f.ToSdpValue());
    }

    [Fact]
    public void Parsing_is_case_insensitive_and_canonicalises_to_upper_case()
    {
        var f = DtlsFingerprint.Parse("SHA-256 " + Chromium[8..].ToLowerInvariant());
        Assert.Equal(Chromium, f.ToSdpValue());
        Assert.Equal(DtlsFingerprint.Parse(Chromium), f);
    }

    [Fact]
    public void Accepts_the_attribute_prefix_and_extra_spaces()
    {
        Assert.Equal(Chromium, DtlsFingerprint.Parse("a=fingerprint:" + Chromium + " \r").ToSdpValue());
    }

    [Theory]
    [InlineData("", "must look like")]
    [InlineData("sha-256", "must look like")]
    [InlineData("md5 AB:CD", "Unsupported fingerprint hash")]
    [InlineData("sha-256 AB:CD", "has 32 bytes, this one has 2")]
    [InlineData("sha-1 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:GG", "not a hex byte")]
    [InlineData("sha-1 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:012", "not a hex byte")]
    public void Malformed_fingerprints_are_rejected_with_a_clear_message(string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DtlsFingerprint.Parse(value));
        Assert.Contains(expected, error.Message);
        Assert.False(DtlsFingerprint.TryParse(value, out _));
    }

    [Theory]
    [InlineData("sha-1", 20)]
    [InlineData("sha-256", 32)]
    [InlineData("sha-384", 48)]
    [InlineData("sha-512", 64)]
    public void Compute_hashes_der_with_each_algorithm(string algorithm, int bytes)
    {
        var der = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 };
        var f = DtlsFingerprint.Compute(der, algorithm);
        Assert.Equal(bytes * 3 - 1, f.Value.Length);
        Assert.True(f.Matches(der));
        Assert.False(f.Matches(new byte[] { 0x30, 0x00 }));
        Assert.Equal(f, DtlsFingerprint.Parse(f.ToSdpValue()));
    }

    [Fact]
    public void Sha256_of_a_known_input_matches_the_standard_vector()
    {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        var f = DtlsFingerprint.Compute("abc"u8);
        Assert.Equal("BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD", f.Value);
    }

    [FsCheck.Xunit.Property]
    public bool Any_der_round_trips_through_sdp(byte[] der) =>
        DtlsFingerprint.Parse(DtlsFingerprint.Compute(der ?? []).ToSdpValue().ToLowerInvariant())
            == DtlsFingerprint.Compute(der ?? []);
}
