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

    /// <summary>Chromium puts the audio m-line (mid 0) before the data channel (mid 1).</summary>
    public const string AudioDataChannelOffer = """
        v=0
        o=- 2755992912816003706 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1
        a=extmap-allow-mixed
        a=msid-semantic: WMS 4e67d161-b689-47bc-9096-fc0a4d362d47
        m=audio 40058 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
        c=IN IP4 198.18.0.1
        a=rtcp:9 IN IP4 0.0.0.0
        a=candidate:610061275 1 udp 2113937151 198.18.0.1 40058 typ host generation 0 network-cost 999
        a=candidate:3297131016 1 udp 2113939711 2001:db8:5e::1 51298 typ host generation 0 network-cost 999
        a=ice-ufrag:m+nc
        a=ice-pwd:qt0HVrQamgNztSOehIdOUnmu
        a=ice-options:trickle
        a=fingerprint:sha-256 8E:68:FE:1B:00:72:F2:FD:F3:60:2F:2D:14:7B:F7:6F:BE:F0:E7:AE:EE:8C:4A:6D:8D:87:8E:ED:2A:B0:EB:83
        a=setup:actpass
        a=mid:0
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=sendrecv
        a=msid:4e67d161-b689-47bc-9096-fc0a4d362d47 3e6c9ca4-ec14-416c-844d-11eaa9683034
        a=rtcp-mux
        a=rtcp-rsize
        a=rtcp-xr:rcvr-rtt=all
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:126 telephone-event/8000
        a=ssrc:1714225753 cname:oib+Zinf5SyFSTw2
        a=ssrc:1714225753 msid:4e67d161-b689-47bc-9096-fc0a4d362d47 3e6c9ca4-ec14-416c-844d-11eaa9683034
        m=application 46401 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 198.18.0.1
        a=candidate:610061275 1 udp 2113937151 198.18.0.1 46401 typ host generation 0 network-cost 999
        a=candidate:3297131016 1 udp 2113939711 2001:db8:5e::1 60788 typ host generation 0 network-cost 999
        a=ice-ufrag:m+nc
        a=ice-pwd:qt0HVrQamgNztSOehIdOUnmu
        a=ice-options:trickle
        a=fingerprint:sha-256 8E:68:FE:1B:00:72:F2:FD:F3:60:2F:2D:14:7B:F7:6F:BE:F0:E7:AE:EE:8C:4A:6D:8D:87:8E:ED:2A:B0:EB:83
        a=setup:actpass
        a=mid:1
        a=sctp-port:5000
        a=max-message-size:262144

        """;
}
