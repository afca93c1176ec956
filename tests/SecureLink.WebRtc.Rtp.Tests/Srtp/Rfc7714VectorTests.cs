using SecureLink.WebRtc.Srtp;

namespace SecureLink.WebRtc.Rtp.Tests.Srtp;

/// <summary>
/// RFC 7714 §16.1 (SRTP) and §17.1 (SRTCP) AEAD_AES_128_GCM vectors. They publish session keys
/// ("00 01 … 0f", salt "Quid pro quo"), so the context is keyed with those directly.
/// </summary>
public sealed class Rfc7714VectorTests
{
    private static readonly byte[] Key = Hex.Parse("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Salt = "Quid pro quo"u8.ToArray();

    private static SrtpContext Context() =>
        new(SrtpProfile.AeadAes128Gcm, new SrtpSessionKeys(Key, [], Salt, Key, [], Salt));

    private const string Rtp =
        "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976" +
        "69736120 696e2070 61727465 73207472 6573";

    private const string Srtp =
        "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5" +
        "0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce";

    private const string Rtcp =
        "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61" +
        "deadbeef deadbeef deadbeef deadbeef deadbeef";

    private const string Srtcp =
        "81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d" +
        "c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872" +
        "45d9eade 800005d4";

    [Fact]
    public void S16_rtp_iv_matches_the_rfc()
    {
        Span<byte> nonce = stackalloc byte[12];
        AesGcmTransform.BuildRtpNonce(nonce, Salt, 0x5501a0b2, 0xf17b);
        Assert.Equal("51753c6580c2726f20718414", Hex.Of(nonce));
    }

    [Fact]
    public void S16_1_1_encryption_matches_the_rfc()
    {
        using var ctx = Context();
        Assert.Equal(Srtp.Replace(" ", ""), Hex.Of(ctx.ProtectRtp(Hex.Parse(Rtp))));
    }

    [Fact]
    public void S16_1_2_decryption_matches_the_rfc()
    {
        using var ctx = Context();
        Assert.Equal(Rtp.Replace(" ", ""), Hex.Of(ctx.UnprotectRtp(Hex.Parse(Srtp))));
    }

    [Fact]
    public void S16_tampered_vector_fails_authentication()
    {
        using var ctx = Context();
        var wire = Hex.Parse(Srtp);
        wire[20] ^= 1;
        Assert.Equal(SrtpResult.AuthFailed, ctx.UnprotectRtp(wire, new byte[wire.Length], out _));
        Assert.Equal(1, ctx.AuthFailed);
    }

    [Fact]
    public void S17_rtcp_iv_matches_the_rfc()
    {
        Span<byte> nonce = stackalloc byte[12];
        AesGcmTransform.BuildRtcpNonce(nonce, Salt, 0x4d617273, 0x5d4);
        Assert.Equal("517524055203726f207170bb", Hex.Of(nonce));
    }

    [Fact]
    public void S17_1_srtcp_encryption_matches_the_rfc()
    {
        using var ctx = Context();
        var rtcp = Hex.Parse(Rtcp);
        var output = new byte[rtcp.Length + ctx.RtcpOverhead];
        // The vector uses SRTCP index 0x5d4; a fresh context would start at 0, so use the transform.
        using var transform = new AesGcmTransform(new SrtpSessionKeys(Key, [], Salt, Key, [], Salt));
        rtcp.CopyTo(output, 0);
        var n = transform.ProtectRtcp(output, rtcp.Length, 0x4d617273, 0x5d4, encrypt: true);
        Assert.Equal(Srtcp.Replace(" ", ""), Hex.Of(output.AsSpan(0, n)));
    }

    [Fact]
    public void S17_1_srtcp_decryption_matches_the_rfc()
    {
        using var ctx = Context();
        Assert.Equal(Rtcp.Replace(" ", ""), Hex.Of(ctx.UnprotectRtcp(Hex.Parse(Srtcp))));
        // The same packet again is a replay.
        Assert.Null(ctx.UnprotectRtcp(Hex.Parse(Srtcp)));
        Assert.Equal(1, ctx.Replayed);
    }

    [Fact]
    public void S17_altered_index_fails_authentication()
    {
        using var ctx = Context();
        var wire = Hex.Parse(Srtcp);
        wire[^1] ^= 1;
        Assert.Null(ctx.UnprotectRtcp(wire));
        Assert.Equal(1, ctx.AuthFailed);
    }
}
