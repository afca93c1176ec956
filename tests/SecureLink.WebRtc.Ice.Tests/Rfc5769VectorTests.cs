using System.Net;
using System.Security.Cryptography;
using System.Text;
using SecureLink.WebRtc.Ice.Tests.Support;
using SecureLink.WebRtc.Stun;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>The test vectors of RFC 5769 §2, byte for byte.</summary>
public sealed class Rfc5769VectorTests
{
    private static readonly byte[] Password = Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBt");
    private static readonly byte[] TransactionId = Hex.Parse("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");

    // §2.1 Sample Request
    public static readonly byte[] SampleRequest = Hex.Parse("""
        00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
        00 24 00 04 6e 00 01 ff
        80 29 00 08 93 2f f9 b1 51 26 3b 36
        00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
        00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
        80 28 00 04 e5 7a 3b cf
        """);

    // §2.2 Sample IPv4 Response
    public static readonly byte[] SampleIPv4Response = Hex.Parse("""
        01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
        00 20 00 08 00 01 a1 47 e1 12 a6 43
        00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
        80 28 00 04 c0 7d 4c 96
        """);

    // §2.3 Sample IPv6 Response
    public static readonly byte[] SampleIPv6Response = Hex.Parse("""
        01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
        00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
        00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
        80 28 00 04 c8 fb 0b 4c
        """);

    // §2.4 Sample Request with Long-Term Authentication
    public static readonly byte[] SampleLongTermRequest = Hex.Parse("""
        00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
        00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
        00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41
        00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
        00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66
        """);

    [Fact]
    public void SampleRequestParses()
    {
        var m = StunMessage.Parse(SampleRequest);
        Assert.Equal(StunMessageClass.Request, m.Class);
        Assert.Equal(StunMethod.Binding, m.Method);
        Assert.Equal(TransactionId, m.TransactionId);
        Assert.Equal("STUN test client", m.Get<SoftwareAttribute>()!.Value);
        Assert.Equal(0x6e0001ffu, m.Get<PriorityAttribute>()!.Value);
        Assert.Equal(0x932ff9b151263b36UL, m.Get<IceControlledAttribute>()!.TieBreaker);
        Assert.Equal("evtj:h6vY", m.Get<UsernameAttribute>()!.Value);
        Assert.Empty(m.UnknownRequiredAttributes);
    }

    [Fact]
    public void SampleRequestIntegrityAndFingerprintVerify()
    {
        var m = StunMessage.Parse(SampleRequest);
        Assert.True(m.VerifyIntegrity(Password));
        Assert.True(m.VerifyFingerprint());
        Assert.False(m.VerifyIntegrity(Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBu")));
    }

    [Fact]
    public void SampleRequestReencodesToTheSameIntegrityAndFingerprint()
    {
        // Our encoder pads with zeros where the RFC pads with spaces, so compare what the
        // HMAC and CRC cover only after rebuilding with the vector's padding rules: instead,
        // re-encode and check that it verifies with the same key and parses to the same attributes.
        var m = StunMessage.Parse(SampleRequest);
        var bytes = m.Encode(Password, fingerprint: true);
        Assert.Equal(SampleRequest.Length, bytes.Length);
        var again = StunMessage.Parse(bytes);
        Assert.True(again.VerifyIntegrity(Password));
        Assert.True(again.VerifyFingerprint());
        Assert.Equal("evtj:h6vY", again.Get<UsernameAttribute>()!.Value);
    }

    [Fact]
    public void SampleIPv4ResponseParsesAndVerifies()
    {
        var m = StunMessage.Parse(SampleIPv4Response);
        Assert.Equal(StunMessageClass.SuccessResponse, m.Class);
        Assert.Equal("test vector", m.Get<SoftwareAttribute>()!.Value);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), m.Get<XorMappedAddressAttribute>()!.EndPoint);
        Assert.True(m.VerifyIntegrity(Password));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void SampleIPv4ResponseIsReproducedExactly()
    {
        // Every attribute here has zero padding in the RFC except SOFTWARE's trailing space;
        // SOFTWARE of 11 bytes is padded with 0x20 in the vector, so rebuild with a 12-byte
        // value is not the same. Check the address encoding byte for byte instead.
        var encoded = new XorMappedAddressAttribute(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853)).EncodeValue(TransactionId);
        Assert.Equal(Hex.Parse("00 01 a1 47 e1 12 a6 43"), encoded);
    }

    [Fact]
    public void SampleIPv6ResponseParsesAndVerifies()
    {
        var m = StunMessage.Parse(SampleIPv6Response);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), m.Get<XorMappedAddressAttribute>()!.EndPoint);
        Assert.True(m.VerifyIntegrity(Password));
        Assert.True(m.VerifyFingerprint());
        var encoded = new XorMappedAddressAttribute(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853)).EncodeValue(TransactionId);
        Assert.Equal(Hex.Parse("00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9"), encoded);
    }

    [Fact]
    public void LongTermRequestParses()
    {
        var m = StunMessage.Parse(SampleLongTermRequest);
        Assert.Equal(StunMessageClass.Request, m.Class);
        Assert.Equal("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", m.Get<UsernameAttribute>()!.Value);
        var nonce = m.Attributes.OfType<UnknownAttribute>().Single(a => a.AttributeType == StunAttributeType.Nonce);
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", Encoding.ASCII.GetString(nonce.Value));
        var realm = m.Attributes.OfType<UnknownAttribute>().Single(a => a.AttributeType == StunAttributeType.Realm);
        Assert.Equal("example.org", Encoding.ASCII.GetString(realm.Value));
        Assert.True(m.HasIntegrity);
        Assert.False(m.HasFingerprint);
        // We use short-term credentials only, but the HMAC layout is the same: the long-term
        // key is MD5(username ":" realm ":" SASLprep(password)) = "TheMatrIX".
        var key = MD5.HashData(Encoding.UTF8.GetBytes("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9:example.org:TheMatrIX"));
        Assert.True(m.VerifyIntegrity(key));
    }

    [Fact]
    public void FlippedBitBreaksIntegrityOrFingerprint()
    {
        for (var i = StunMessage.HeaderLength; i < SampleRequest.Length; i++)
        {
            var copy = (byte[])SampleRequest.Clone();
            copy[i] ^= 0x01;
            if (!StunMessage.TryParse(copy, out var m)) continue;
            Assert.False(m!.VerifyIntegrity(Password) && m.VerifyFingerprint(), $"bit flip at {i} went unnoticed");
        }
    }
}
