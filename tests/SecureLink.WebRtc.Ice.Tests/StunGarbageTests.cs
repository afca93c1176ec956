using SecureLink.WebRtc.Stun;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>Truncated, bit-flipped and hand-made bad messages: TryParse says no, Parse names the defect, nothing crashes.</summary>
public sealed class StunGarbageTests
{
    public static TheoryData<string> Vectors => ["request", "ipv4", "ipv6", "longterm"];

    private static byte[] Vector(string name) => name switch
    {
        "request" => Rfc5769VectorTests.SampleRequest,
        "ipv4" => Rfc5769VectorTests.SampleIPv4Response,
        "ipv6" => Rfc5769VectorTests.SampleIPv6Response,
        _ => Rfc5769VectorTests.SampleLongTermRequest,
    };

    [Theory, MemberData(nameof(Vectors))]
    public void EveryTruncationIsRejected(string name)
    {
        var v = Vector(name);
        for (var n = 0; n < v.Length; n++)
            Assert.False(StunMessage.TryParse(v.AsSpan(0, n), out _, out var error), $"prefix {n} accepted");
    }

    [Theory, MemberData(nameof(Vectors))]
    public void EveryBitFlipIsSafe(string name)
    {
        var v = Vector(name);
        for (var i = 0; i < v.Length * 8; i++)
        {
            var copy = (byte[])v.Clone();
            copy[i / 8] ^= (byte)(1 << (i % 8));
            if (StunMessage.TryParse(copy, out var m))
            {
                _ = m!.VerifyFingerprint();
                _ = m.VerifyIntegrity([0]);
            }
        }
    }

    [Fact]
    public void DefectsAreNamed()
    {
        var ok = new StunMessage(StunMessageClass.Request, StunMethod.Binding).Add(new PriorityAttribute(1)).Encode();
        var noCookie = (byte[])ok.Clone();
        noCookie[4] = 0;
        Assert.Contains("magic cookie", Assert.Throws<StunFormatException>(() => StunMessage.Parse(noCookie)).Message);
        var badLength = (byte[])ok.Clone();
        badLength[3] = 4;
        Assert.Contains("length", Assert.Throws<StunFormatException>(() => StunMessage.Parse(badLength)).Message);
        var badPriority = (byte[])ok.Clone();
        badPriority[23] = 3; // PRIORITY claims 3 bytes
        Assert.Contains("PRIORITY", Assert.Throws<StunFormatException>(() => StunMessage.Parse(badPriority)).Message);
        var rtp = (byte[])ok.Clone();
        rtp[0] = 0x80;
        Assert.Contains("first two bits", Assert.Throws<StunFormatException>(() => StunMessage.Parse(rtp)).Message);
    }

    [Fact]
    public void UnknownAttributesAreKeptAndRequiredOnesReported()
    {
        var m = new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UnknownAttribute(0x8FFF, [1, 2, 3]))
            .Add(new UnknownAttribute(0x7FFF, [4]));
        var back = StunMessage.Parse(m.Encode());
        Assert.Equal(2, back.Attributes.Count);
        Assert.Equal([(ushort)0x7FFF], back.UnknownRequiredAttributes);
    }

    [Fact]
    public void AttributesAfterIntegrityAreIgnoredAndFingerprintMustBeLast()
    {
        var key = new byte[] { 1, 2, 3 };
        var bytes = new StunMessage(StunMessageClass.Request, StunMethod.Binding).Add(new PriorityAttribute(7)).Encode(key, fingerprint: true);
        var m = StunMessage.Parse(bytes);
        Assert.True(m.VerifyIntegrity(key));
        Assert.True(m.VerifyFingerprint());
        // Append an attribute after FINGERPRINT (fix the length): must be rejected.
        var extended = bytes.Concat(new byte[] { 0x00, 0x24, 0x00, 0x04, 0, 0, 0, 1 }).ToArray();
        extended[3] = (byte)(extended.Length - 20);
        Assert.False(StunMessage.TryParse(extended, out _));
    }

    [Fact]
    public void LooksLikeStunIsCheap()
    {
        Assert.True(StunMessage.LooksLikeStun(Rfc5769VectorTests.SampleRequest));
        Assert.False(StunMessage.LooksLikeStun([22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.False(StunMessage.LooksLikeStun([]));
    }
}
