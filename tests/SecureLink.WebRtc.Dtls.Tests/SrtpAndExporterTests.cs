using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;
using static SecureLink.WebRtc.Dtls.Tests.TestSupport;

namespace SecureLink.WebRtc.Dtls.Tests;

public sealed class SrtpAndExporterTests
{
    private static DtlsOptions Offer(params SrtpProtectionProfile[] profiles) => new() { SrtpProfiles = profiles };

    [Theory]
    [InlineData(SrtpProtectionProfile.Aes128CmHmacSha1_80, 16, 14)]
    [InlineData(SrtpProtectionProfile.AeadAes128Gcm, 16, 12)]
    public async Task Both_sides_derive_identical_srtp_keys(SrtpProtectionProfile profile, int keyLength, int saltLength)
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b, Offer(profile), Offer(profile));
        await using (client)
        await using (server)
        {
            Assert.Equal(profile, client.SrtpProfile);
            Assert.Equal(profile, server.SrtpProfile);
            var c = client.SrtpKeys!;
            var s = server.SrtpKeys!;
            Assert.Equal(keyLength, c.ClientMasterKey.Length);
            Assert.Equal(saltLength, c.ClientMasterSalt.Length);
            Assert.Equal(c.ClientMasterKey, s.ClientMasterKey);
            Assert.Equal(c.ClientMasterSalt, s.ClientMasterSalt);
            Assert.Equal(c.ServerMasterKey, s.ServerMasterKey);
            Assert.Equal(c.ServerMasterSalt, s.ServerMasterSalt);
            Assert.NotEqual(c.ClientMasterKey, c.ServerMasterKey);

            // The split is RFC 5764 §4.2: client key | server key | client salt | server salt.
            var raw = client.ExportKeyingMaterial("EXTRACTOR-dtls_srtp", 2 * (keyLength + saltLength));
            Assert.Equal(raw[..keyLength], c.ClientMasterKey);
            Assert.Equal(raw[keyLength..(2 * keyLength)], c.ServerMasterKey);
            Assert.Equal(raw[(2 * keyLength)..(2 * keyLength + saltLength)], c.ClientMasterSalt);
            Assert.Equal(raw[(2 * keyLength + saltLength)..], c.ServerMasterSalt);
            Assert.DoesNotContain("Key", c.ToString().Replace("SrtpKeyingMaterial", ""));
        }
    }

    [Fact]
    public async Task Server_picks_its_own_preference_among_the_offered_profiles()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b,
            Offer(SrtpProtectionProfile.Aes128CmHmacSha1_80, SrtpProtectionProfile.AeadAes128Gcm),
            Offer(SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80));
        await using (client)
        await using (server)
        {
            Assert.Equal(SrtpProtectionProfile.AeadAes128Gcm, client.SrtpProfile);
            Assert.Equal(SrtpProtectionProfile.AeadAes128Gcm, server.SrtpProfile);
        }
    }

    [Fact]
    public async Task No_common_profile_means_none_and_no_keys_but_the_session_works()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b,
            Offer(SrtpProtectionProfile.Aes128CmHmacSha1_80), Offer(SrtpProtectionProfile.AeadAes128Gcm));
        await using (client)
        await using (server)
        {
            Assert.Equal(SrtpProtectionProfile.None, client.SrtpProfile);
            Assert.Equal(SrtpProtectionProfile.None, server.SrtpProfile);
            Assert.Null(client.SrtpKeys);
            Assert.Null(server.SrtpKeys);
            await AssertRoundTripAsync(client, server, "data without media");
        }
    }

    [Fact]
    public async Task Client_offering_nothing_gets_none_from_a_media_capable_server()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b, Offer(), Offer(SrtpProtectionProfile.Aes128CmHmacSha1_80));
        await using (client)
        await using (server)
            Assert.Equal(SrtpProtectionProfile.None, server.SrtpProfile);
    }

    [Fact]
    public async Task Exporters_agree_on_both_sides_and_differ_by_label_and_session()
    {
        var (a, b) = DatagramPipe.Create();
        var (client, server) = await ConnectPairAsync(a, b);
        var (a2, b2) = DatagramPipe.Create();
        var (client2, server2) = await ConnectPairAsync(a2, b2);
        await using (client)
        await using (server)
        await using (client2)
        await using (server2)
        {
            var x = client.ExportKeyingMaterial("EXPORTER-securelink-test", 32);
            Assert.Equal(x, server.ExportKeyingMaterial("EXPORTER-securelink-test", 32));
            Assert.NotEqual(x, client.ExportKeyingMaterial("EXPORTER-securelink-other", 32));
            Assert.NotEqual(x, client2.ExportKeyingMaterial("EXPORTER-securelink-test", 32));
            // A longer export extends the shorter one (TLS PRF is a stream).
            Assert.Equal(x, client.ExportKeyingMaterial("EXPORTER-securelink-test", 64)[..32]);
        }
    }

    [Fact]
    public async Task Keys_are_wiped_and_export_refused_after_dispose()
    {
        var (a, b) = DatagramPipe.Create();
        var profile = Offer(SrtpProtectionProfile.Aes128CmHmacSha1_80);
        var (client, server) = await ConnectPairAsync(a, b, profile, profile);
        var keys = client.SrtpKeys!;
        await client.DisposeAsync();
        await server.DisposeAsync();
        Assert.All(keys.ClientMasterKey, x => Assert.Equal(0, x));
        Assert.All(keys.ServerMasterSalt, x => Assert.Equal(0, x));
        Assert.Throws<InvalidOperationException>(() => client.ExportKeyingMaterial("EXPORTER-x", 16));
    }
}
