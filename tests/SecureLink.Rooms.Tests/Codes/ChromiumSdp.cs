namespace SecureLink.Rooms.Tests.Codes;

/// <summary>
/// Offers Chromium 156 made on this machine (copied from tests/SecureLink.WebRtc.Sdp.Tests/Fixtures,
/// where their making is described), to prove the codes carry what a real browser writes.
/// </summary>
internal static class ChromiumSdp
{
    public const string DataChannelOffer = """
        v=0
        o=- 4255351506513773540 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0
        a=extmap-allow-mixed
        a=msid-semantic: WMS
        m=application 53940 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 198.18.0.1
        a=candidate:170452995 1 udp 2113937151 198.18.0.1 53940 typ host generation 0 network-cost 999
        a=candidate:3941734864 1 udp 2113939711 2001:db8:5e::1 52050 typ host generation 0 network-cost 999
        a=ice-ufrag:HkzF
        a=ice-pwd:lUO1Ip9BiGjHOyy0rkuOlNAD
        a=ice-options:trickle
        a=fingerprint:sha-256 F7:39:0D:4A:29:50:64:66:F6:50:34:FA:03:AF:C3:BC:95:D8:77:F1:EC:BD:4F:AA:DC:8E:21:27:F5:B8:1E:22
        a=setup:actpass
        a=mid:0
        a=sctp-port:5000
        a=max-message-size:262144

        """;
}
