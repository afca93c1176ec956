using System.Text;
using SecureLink.Fuzz.Tests.Harnesses;
using SecureLink.Fuzz.Tests.Harnesses.Dtls;
using SecureLink.Host.Protocol;
using SecureLink.Rooms.Chat;
using SecureLink.Rooms.Codes;
using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Ice;
using SecureLink.WebRtc.Rtcp;
using SecureLink.WebRtc.Rtp;
using SecureLink.WebRtc.Sctp.Packet;
using SecureLink.WebRtc.Sdp;
using SecureLink.WebRtc.Srtp;
using SecureLink.WebRtc.Stun;
using Xunit;

namespace SecureLink.Fuzz.Tests;

/// <summary>
/// Seeds are only useful if they reach deep into the parser: each must be ACCEPTED by it, so the
/// mutations start from valid messages (a seed that a format change broke would silently waste the corpus).
/// </summary>
public sealed class SeedValidityTests
{
    private static IEnumerable<byte[]> Seeds(string harness) =>
        Corpus.Files(harness).Where(f => Path.GetFileName(f).StartsWith("seed-", StringComparison.Ordinal)).Select(File.ReadAllBytes);

    [Fact] public void StunSeedsParse() => Assert.All(Seeds("stun"), s => Assert.True(StunMessage.TryParse(s, out _, out var e), e));
    [Fact] public void IceSeedsParse() => Assert.All(Seeds("ice-candidate"), s => IceCandidate.Parse(Encoding.UTF8.GetString(s)));
    [Fact] public void SdpSeedsParse() => Assert.All(Seeds("sdp"), s => SessionDescription.Parse(Encoding.UTF8.GetString(s)));
    [Fact] public void RtpSeedsParse() => Assert.All(Seeds("rtp"), s => Assert.True(RtpPacket.TryParse(s, out _)));
    [Fact] public void RtcpSeedsParse() => Assert.All(Seeds("rtcp"), s => Assert.True(RtcpCompoundPacket.TryParse(s, out var p) && p.Count > 0));
    [Fact] public void SctpSeedsParse() => Assert.All(Seeds("sctp"), s => Assert.True(SctpPacket.TryParse(s, out _, out var e), e.ToString()));
    [Fact] public void DcepSeedsParse() => Assert.All(Seeds("dcep"), s => Assert.NotNull(DcepOpen.TryParse(s)));
    [Fact] public void ChatSeedsDecode() => Assert.All(Seeds("chat"), s => ChatWire.Decode(s));
    [Fact] public void InviteSeedsDecode() => Assert.All(Seeds("invite"), s => InviteCode.Decode(Encoding.UTF8.GetString(s), InviteHarness.Now));
    [Fact] public void ReplySeedsDecode() => Assert.All(Seeds("reply"), s => ReplyCode.Decode(Encoding.UTF8.GetString(s), ReplyHarness.RoomId));

    [Theory]
    [InlineData("dtls-server")]
    [InlineData("dtls-client")]
    [InlineData("dtls-session")]
    public void DtlsSeedsAreDtls12Records(string harness) => Assert.All(Seeds(harness), s => Assert.All(DatagramList.Split(s), d =>
    {
        Assert.True(d.Length >= 13, "shorter than a record header");
        Assert.InRange(d[0], 20, 23);
        Assert.Equal(0xFE, d[1]);
        Assert.True(d[2] is 0xFD or 0xFF, $"version byte {d[2]:x2}");
    }));

    [Fact]
    public void DtlsClientFlightsSeedCarriesTheServerCertificate() =>
        Assert.NotNull(DatagramList.FirstCertificate(DatagramList.Split(File.ReadAllBytes(Path.Combine(Corpus.Folder("dtls-client"), "seed-server-flights")))));

    [Fact]
    public void OpusSeedsDecode() => Assert.All(Seeds("opus"), s =>
    {
        var decoder = new SecureLink.Voice.Codec.OpusVoiceDecoder();
        var pcm = new short[SecureLink.Voice.Codec.VoiceFormat.FrameSamples];
        Assert.All(OpusHarness.Split(s), p =>
        {
            var r = decoder.Decode(p, pcm);
            Assert.True(r.Status != SecureLink.Voice.Codec.VoiceDecodeStatus.InvalidPayload, $"{Convert.ToHexString(p)}: {r.Error}");
        });
    });

    [Fact]
    public void SrtpSeedsUnprotectWithTheTestKey()
    {
        foreach (var file in Corpus.Files("srtp").Where(f => Path.GetFileName(f).StartsWith("seed-", StringComparison.Ordinal)))
        {
            var name = Path.GetFileName(file);
            using var context = new SrtpContext(SrtpHarness.TestKey(name.EndsWith("gcm", StringComparison.Ordinal) ? SrtpProfile.AeadAes128Gcm : SrtpProfile.Aes128CmHmacSha1_80));
            var bytes = File.ReadAllBytes(file);
            var plain = name.StartsWith("seed-rtp", StringComparison.Ordinal) ? context.UnprotectRtp(bytes) : context.UnprotectRtcp(bytes);
            Assert.True(plain is not null, name);
        }
    }

    [Fact]
    public void RequestSeedsIncludeValidRequests()
    {
        var valid = Corpus.Files("request").Where(f => Path.GetFileName(f).StartsWith("json-", StringComparison.Ordinal)).Count(f =>
        {
            using var outcome = RequestParser.Parse(File.ReadAllBytes(f));
            return outcome.Request is not null;
        });
        Assert.True(valid >= 5, $"only {valid} request seeds parse");
    }
}
