using SecureLink.WebRtc.Srtp;

namespace SecureLink.WebRtc.Rtp.Tests.Srtp;

/// <summary>RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), as printed.</summary>
public sealed class Rfc3711VectorTests
{
    [Fact]
    public void B2_aes_cm_keystream_matches_the_rfc()
    {
        var sessionKey = Hex.Parse("2B7E151628AED2A6ABF7158809CF4F3C");
        var salt = Hex.Parse("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
        Span<byte> iv = stackalloc byte[16];
        // SSRC 0 and index 0: the IV is the salt shifted left 16 bits.
        AesCmHmacSha1Transform.BuildIv(iv, salt, ssrc: 0, index: 0);
        Assert.Equal("f0f1f2f3f4f5f6f7f8f9fafbfcfd0000", Hex.Of(iv));

        var keystream = new byte[3 * 16];
        using (var cm = new AesCounterMode(sessionKey)) cm.Apply(iv, keystream);
        Assert.Equal(Hex.Parse("E03EAD0935C95E80E166B16DD92B4EB4 D23513162B02D0F72A43A2FE4A5F97AB 41E95B3BB0A2E8DD477901E4FCA894C0"), keystream);
    }

    [Fact]
    public void B2_keystream_blocks_near_the_end_of_the_counter_space_match_the_rfc()
    {
        // B.2 also prints the keystream for counters FEFF, FF00 and FF01.
        var sessionKey = Hex.Parse("2B7E151628AED2A6ABF7158809CF4F3C");
        var salt = Hex.Parse("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
        Span<byte> iv = stackalloc byte[16];
        AesCmHmacSha1Transform.BuildIv(iv, salt, 0, 0);
        var keystream = new byte[0xFF02 * 16];
        using (var cm = new AesCounterMode(sessionKey)) cm.Apply(iv, keystream);
        Assert.Equal("ec8cdf7398607cb0f2d21675ea9ea1e4", Hex.Of(keystream.AsSpan(0xFEFF * 16, 16)));
        Assert.Equal("362b7c3c6773516318a077d7fc5073ae", Hex.Of(keystream.AsSpan(0xFF00 * 16, 16)));
        Assert.Equal("6a2cc3787889374fbeb4c81b17ba6c44", Hex.Of(keystream.AsSpan(0xFF01 * 16, 16)));
    }

    private static readonly byte[] MasterKey = Hex.Parse("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Hex.Parse("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void B3_cipher_key_matches_the_rfc() =>
        Assert.Equal(Hex.Parse("C61E7A93744F39EE10734AFE3FF7A087"),
            SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpEncryption, 16));

    [Fact]
    public void B3_cipher_salt_matches_the_rfc() =>
        Assert.Equal(Hex.Parse("30CBBC08863D8C85D49DB34A9AE1"),
            SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpSalt, 14));

    [Fact]
    public void B3_auth_key_matches_the_rfc_for_all_94_bytes_it_prints()
    {
        var expected = Hex.Parse(
            "CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE" +
            "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25" +
            "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2");
        Assert.Equal(expected, SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpAuthentication, 94));
        // HMAC-SHA1 uses the first 160 bits of that stream (RFC 3711 §4.3.1, n_a = 160).
        var keys = SrtpKeyDerivation.DeriveAll(new SrtpMasterKey(SrtpProfile.Aes128CmHmacSha1_80, MasterKey, MasterSalt));
        Assert.Equal(expected[..20], keys.RtpAuthKey);
    }
}
