using SecureLink.Fuzz.Tests.Harnesses;
using SecureLink.Fuzz.Tests.Harnesses.Dtls;

namespace SecureLink.Fuzz.Tests;

/// <summary>Every harness, by name. fuzz.sh, the seed writer and the regression tests all use this list.</summary>
public static class AllHarnesses
{
    public static IReadOnlyList<Harness> List { get; } =
    [
        new("stun", "StunMessage.TryParse, then VerifyIntegrity/VerifyFingerprint on what parsed", StunHarness.Run),
        new("ice-candidate", "IceCandidate.Parse/TryParse on UTF-8 text (FormatException only), re-serialise", IceCandidateHarness.Run),
        new("sdp", "SessionDescription.Parse (SdpParseException only), then serialise what parsed", SdpHarness.Run),
        new("dtls-fingerprint", "DtlsFingerprint.TryParse on UTF-8 text", DtlsFingerprintHarness.Run),
        new("rtp", "RtpHeader.TryParse (with and without padding check) and RtpPacket.TryParse, re-encode", RtpHarness.Run),
        new("rtcp", "RtcpCompoundPacket.TryParse, re-encode what parsed", RtcpHarness.Run),
        new("srtp", "SrtpContext.UnprotectRtp/UnprotectRtcp with a fixed key, both profiles: a result, never a throw", SrtpHarness.Run),
        new("sctp", "SctpPacket.TryParse (a bool, never a throw), re-encode what parsed", SctpHarness.Run),
        new("dcep", "DcepOpen.TryParse, re-encode what parsed", DcepHarness.Run),
        new("chat", "ChatWire.Decode (ChatWireException only)", ChatHarness.Run),
        new("invite", "InviteCode.Decode on UTF-8 text (CodeException only)", InviteHarness.Run),
        new("reply", "ReplyCode.Decode on UTF-8 text (CodeException only)", ReplyHarness.Run),
        new("frames", "Host FrameReader over a MemoryStream: reads to End/Truncated, bounded steps", FrameReaderHarness.Run),
        new("request", "Host RequestParser.Parse: a request or an error, never a throw", RequestHarness.Run),
        new("pake", "PinAuthenticator (joiner) with the input as the creator's first message: must end in PakeException(ProtocolError)", PakeHarness.Run, 300),
        new("dtls-server", "DtlsTransport.ConnectAsync as server, input = the client's datagrams, then the link closes: DtlsHandshakeException only, promptly, no BouncyCastle internal_error", DtlsHandshakeHarness.RunServer, 300),
        new("dtls-client", "DtlsTransport.ConnectAsync as client, input = the server's datagrams, then the link closes: as dtls-server", DtlsHandshakeHarness.RunClient, 300),
        new("dtls-session", "datagrams injected into both ends of a live DTLS session: it stays open and carries a message each way", DtlsSessionHarness.Run, 500),
        new("opus", "OpusVoiceDecoder Decode/DecodeFec/Conceal on a stream of payloads: a full frame and a defined status, never a throw", OpusHarness.Run, 400),
    ];

    public static Harness Get(string name) =>
        List.FirstOrDefault(h => h.Name == name) ?? throw new UnknownHarnessException($"No harness '{name}'. Known: {string.Join(", ", List.Select(h => h.Name))}.");
}

/// <summary>Raised by a harness when a parser broke a promise without throwing (a wrong result).</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);

/// <summary>A harness name nobody registered (a typo on the fuzz.sh command line).</summary>
public sealed class UnknownHarnessException(string message) : Exception(message);
