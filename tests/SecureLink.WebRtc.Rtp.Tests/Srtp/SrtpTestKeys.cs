using System.Security.Cryptography;
using SecureLink.WebRtc.Srtp;

namespace SecureLink.WebRtc.Rtp.Tests.Srtp;

internal static class SrtpTestKeys
{
    public static readonly SrtpProfile[] Profiles = [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm];

    public static SrtpMasterKey Random(SrtpProfile profile) =>
        new(profile, RandomNumberGenerator.GetBytes(profile.MasterKeyLength()), RandomNumberGenerator.GetBytes(profile.MasterSaltLength()));

    /// <summary>A sender and a receiver context keyed alike, as the two ends of one direction.</summary>
    public static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProfile profile)
    {
        var key = Random(profile);
        return (new SrtpContext(key), new SrtpContext(key));
    }

    public static byte[] Rtp(ushort seq, uint ssrc = 0x11223344, int payloadLength = 160, uint timestamp = 0) =>
        new RtpPacket
        {
            PayloadType = 111,
            SequenceNumber = seq,
            Timestamp = timestamp,
            Ssrc = ssrc,
            Payload = Enumerable.Range(0, payloadLength).Select(i => (byte)(i * 7 + seq)).ToArray(),
        }.ToArray();

    /// <summary>A receiver report with one report block: 8 + 24 bytes.</summary>
    public static byte[] Rtcp(uint ssrc = 0x11223344)
    {
        var p = new byte[32];
        p[0] = 0x81; p[1] = 201; p[3] = 7;
        p[4] = (byte)(ssrc >> 24); p[5] = (byte)(ssrc >> 16); p[6] = (byte)(ssrc >> 8); p[7] = (byte)ssrc;
        for (var i = 8; i < p.Length; i++) p[i] = (byte)i;
        return p;
    }
}
