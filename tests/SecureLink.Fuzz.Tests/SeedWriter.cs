using System.Buffers.Binary;
using System.Net;
using System.Text;
using SecureLink.Fuzz.Tests.Harnesses;
using SecureLink.Fuzz.Tests.Harnesses.Dtls;
using SecureLink.Voice.Codec;
using SecureLink.Rooms.Chat;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Pake;
using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Rtcp;
using SecureLink.WebRtc.Rtp;
using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;
using SecureLink.WebRtc.Srtp;
using SecureLink.WebRtc.Stun;

namespace SecureLink.Fuzz.Tests;

/// <summary>
/// Builds the binary seeds with each layer's own encoders (`fuzz.sh --write-seeds`), so every
/// seed is a message the real stack would send. Text seeds (SDP fixtures, candidates, frames'
/// JSON) and the RFC 5769 STUN vectors are plain files in the corpus, written by hand.
/// </summary>
public static class SeedWriter
{
    public static void WriteAll()
    {
        var key = Enumerable.Range(0, 22).Select(i => (byte)('a' + i % 26)).ToArray();
        var binding = new StunMessage(StunMessageClass.Request, StunMethod.Binding, new byte[12])
            .Add(new UsernameAttribute("abcd:efgh")).Add(new PriorityAttribute(0x6e0001ff)).Add(new UseCandidateAttribute());
        Write("stun", "binding-request-integrity-fingerprint", binding.Encode(key, fingerprint: true));
        Write("stun", "binding-success-xor-mapped", new StunMessage(StunMessageClass.SuccessResponse, StunMethod.Binding, new byte[12])
            .Add(new XorMappedAddressAttribute(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 40000))).Encode(null, fingerprint: true));

        var rtp = new RtpPacket { PayloadType = 111, SequenceNumber = 4660, Timestamp = 960, Ssrc = 0x11223344, Marker = true, Payload = new byte[] { 0xF8, 0xFF, 0xFE } };
        Write("rtp", "opus-marker", rtp.ToArray());
        Write("rtp", "csrc-padding", new RtpPacket { PayloadType = 0, SequenceNumber = 1, Ssrc = 7, Csrcs = [1, 2], PaddingLength = 4, Payload = new byte[20] }.ToArray());
        Write("rtp", "raw-extension", new RtpPacket { PayloadType = 111, Ssrc = 9, RawExtension = (0xBEDE, new byte[] { 0x10, 0xAA, 0, 0 }), Payload = new byte[] { 1 } }.ToArray());

        var sr = new RtcpSenderReport { Ssrc = 0x11223344, NtpTimestamp = 0x0102030405060708, RtpTimestamp = 960, PacketCount = 10, OctetCount = 1000,
            ReportBlocks = [new RtcpReportBlock(0x55667788, 12, 3, 1000, 20, 0x01020304, 65536)] };
        var rr = new RtcpReceiverReport { Ssrc = 0x55667788 };
        Write("rtcp", "sr-with-block", RtcpCompoundPacket.ToArray(sr));
        Write("rtcp", "rr-empty", RtcpCompoundPacket.ToArray(rr));
        Write("rtcp", "sr-rr-compound", RtcpCompoundPacket.ToArray(sr, rr));

        foreach (var (profile, name) in new[] { (SrtpProfile.Aes128CmHmacSha1_80, "cm"), (SrtpProfile.AeadAes128Gcm, "gcm") })
        {
            using var context = new SrtpContext(SrtpHarness.TestKey(profile));
            Write("srtp", $"rtp-{name}", context.ProtectRtp(rtp.ToArray())!);
            Write("srtp", $"rtcp-{name}", context.ProtectRtcp(RtcpCompoundPacket.ToArray(sr))!);
        }

        var init = new InitChunk(false, 0xA1B2C3D4, 131072, 1024, 1024, 1,
            [new Parameter(Parameter.ForwardTsnSupported, []), new Parameter(Parameter.SupportedExtensions, [0x82, 0xC0])]);
        Write("sctp", "init", new SctpPacket(5000, 5000, 0, [init]).ToArray());
        var open = new DcepOpen(DcepOpen.TypeFor(true, null, null), 0, 0, "chat", "");
        Write("sctp", "data-dcep-open", new SctpPacket(5000, 5000, 0xA1B2C3D4, [new DataChunk(1, 0, 0, 50, open.ToArray())]).ToArray());
        Write("dcep", "open-reliable", open.ToArray());
        Write("dcep", "open-rexmit", new DcepOpen(DcepOpen.TypeFor(false, 3, null), 256, 3, "pake", "securelink").ToArray());

        var id = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        Write("chat", "message", ChatWire.EncodeMessage(id, 1764547200000, "hello, world"u8));
        Write("chat", "receipt", ChatWire.EncodeReceipt(id));
        Write("chat", "typing", ChatWire.EncodeTyping(true));

        var fingerprint = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();
        var candidates = new[] { new CodeCandidate(IPAddress.Parse("198.18.0.1"), 50000, false), new CodeCandidate(IPAddress.Parse("2001:db8:5e::1"), 50001, false) };
        Write("invite", "offline", Encoding.UTF8.GetBytes(InviteCode.Encode(new InviteRecord(ReplyHarness.RoomId, ConnectMode.Offline,
            "ufrg", "0123456789abcdefghijkl", fingerprint, candidates, [], InviteHarness.Now.AddDays(1)))));
        Write("invite", "internet", Encoding.UTF8.GetBytes(InviteCode.Encode(new InviteRecord(ReplyHarness.RoomId, ConnectMode.Internet,
            "ufrg", "0123456789abcdefghijkl", fingerprint, [.. candidates, new CodeCandidate(IPAddress.Parse("203.0.113.7"), 3478, true)],
            ["stun.example.net:3478"], InviteHarness.Now.AddDays(1)))));
        Write("reply", "reply", Encoding.UTF8.GetBytes(ReplyCode.Encode(new ReplyRecord(ReplyHarness.RoomId, "jnrf", "abcdefghijkl0123456789", fingerprint,
            [new CodeCandidate(IPAddress.Parse("198.18.0.2"), 50002, false)]))));

        // A genuine creator round 1: run the creator against a peer that answers with nothing.
        var channel = new PakeHarness.ScriptedChannel([]);
        try
        {
            PinAuthenticator.RunAsync(PakeRole.Creator, "1234".AsMemory(), PakeHarness.Binding, channel, TimeSpan.FromSeconds(20), CancellationToken.None)
                .GetAwaiter().GetResult().Dispose();
        }
        catch (PakeException)
        {
        }
        Write("pake", "creator-round1", channel.Sent[0]);
        Write("pake", "creator-abort", channel.Sent[^1]);

        var (fromClient, fromServer) = DtlsHandshakeHarness.RecordRealHandshake();
        Write("dtls-server", "client-hello", DatagramList.Join(fromClient.Take(1)));
        Write("dtls-server", "client-flights", DatagramList.Join(fromClient));
        Write("dtls-client", "server-flights", DatagramList.Join(fromServer));
        Write("dtls-client", "server-hello-flight", DatagramList.Join(fromServer.Take(1)));
        var records = DtlsSessionHarness.RecordApplicationRecords();
        Write("dtls-session", "application-data", DatagramList.Join(records.Take(1)));
        Write("dtls-session", "application-data-twice", DatagramList.Join(records));
        Write("dtls-session", "client-hello-renegotiation", DatagramList.Join(fromClient.Take(1)));
        Write("dtls-session", "plaintext-fatal-alert", DatagramList.Join([[21, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0, 2, 2, 40]]));
        Write("dtls-session", "epoch1-short-record", DatagramList.Join([[23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 1, 0, 0, 3, 1, 2, 3]]));
        Write("dtls-session", "change-cipher-spec", DatagramList.Join([[20, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 10, 0, 1, 1]]));

        var speech = Enumerable.Range(0, VoiceFormat.FrameSamples * 6)
            .Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 180 * i / VoiceFormat.SampleRate) * (1 + Math.Sin(2 * Math.PI * 3 * i / VoiceFormat.SampleRate)))).ToArray();
        foreach (var (settings, name) in new[]
                 {
                     (OpusEncoderSettings.Default, "32k-fullband-fec"),
                     (new OpusEncoderSettings(24_000, true, 5), "24k-fec"),
                     (new OpusEncoderSettings(16_000, true, 15), "16k-fec"),
                     (new OpusEncoderSettings(32_000, false, 0), "32k-no-fec"),
                 })
        {
            var encoder = new OpusVoiceEncoder(settings);
            var packets = new List<byte[]>();
            var buffer = new byte[VoiceFormat.MaxPacketBytes];
            for (var off = 0; off + VoiceFormat.FrameSamples <= speech.Length; off += VoiceFormat.FrameSamples)
                packets.Add(buffer[..encoder.Encode(speech.AsSpan(off, VoiceFormat.FrameSamples), buffer)]);
            Write("opus", name, OpusHarness.Join(packets.Where(p => p.Length <= 255)));
        }
        var silent = new OpusVoiceEncoder();
        var dtxBuffer = new byte[VoiceFormat.MaxPacketBytes];
        var dtx = new List<byte[]>();
        for (var i = 0; i < 30; i++) dtx.Add(dtxBuffer[..silent.Encode(new short[VoiceFormat.FrameSamples], dtxBuffer)]);
        Write("opus", "silence-dtx", OpusHarness.Join(dtx.Where(p => p.Length > 0)));

        foreach (var file in Corpus.Files("request").Where(f => Path.GetFileName(f).StartsWith("json-", StringComparison.Ordinal)))
            Write("frames", "framed-" + Path.GetFileName(file), Frame(File.ReadAllBytes(file)));
        Write("frames", "hello-then-state-get", [.. Frame("""{"id":1,"type":"hello","protocol":1}"""u8.ToArray()), .. Frame("""{"id":2,"type":"state.get"}"""u8.ToArray())]);
        Write("frames", "too-large-then-hello", [.. BitConverter.GetBytes(1_048_577u), .. new byte[16], .. Frame("""{"id":3,"type":"hello","protocol":1}"""u8.ToArray())]);
        Write("frames", "truncated-header", [5, 0]);
    }

    /// <summary>Native-messaging framing: 4-byte native-endian length, then the payload.</summary>
    private static byte[] Frame(byte[] payload)
    {
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)payload.Length);
        payload.CopyTo(frame, 4);
        return frame;
    }

    private static void Write(string harness, string name, byte[] bytes)
    {
        Directory.CreateDirectory(Corpus.Folder(harness));
        File.WriteAllBytes(Path.Combine(Corpus.Folder(harness), "seed-" + name), bytes);
    }
}
