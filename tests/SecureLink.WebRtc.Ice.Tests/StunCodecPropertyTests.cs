using System.Net;
using FsCheck;
using FsCheck.Xunit;
using SecureLink.WebRtc.Stun;

namespace SecureLink.WebRtc.Ice.Tests;

/// <summary>Encode → parse gives back what went in, for random attribute values.</summary>
public sealed class StunCodecPropertyTests
{
    [Property(MaxTest = 300)]
    public bool RandomMessagesRoundTrip(uint priority, ulong tieBreaker, bool controlling, bool useCandidate, NonNull<string> username,
        byte[] ipv6, byte[] ipv4, ushort port, byte[] unknownValue, byte errorClass, byte errorNumber, bool withKey, byte[] key)
    {
        var user = new string(username.Get.Where(c => !char.IsSurrogate(c)).Take(200).ToArray());
        var v6 = new IPAddress(Fit(ipv6, 16));
        var v4 = new IPAddress(Fit(ipv4, 4));
        var code = 300 + (errorClass % 4) * 100 + errorNumber % 100;
        var unknown = unknownValue.Take(300).ToArray();
        var m = new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UsernameAttribute(user))
            .Add(new PriorityAttribute(priority))
            .Add(controlling ? new IceControllingAttribute(tieBreaker) : new IceControlledAttribute(tieBreaker))
            .Add(new XorMappedAddressAttribute(new IPEndPoint(v6, port)))
            .Add(new MappedAddressAttribute(new IPEndPoint(v4, port)))
            .Add(new ErrorCodeAttribute(code, "reason " + user.Length))
            .Add(new UnknownAttribute(0xC001, unknown));
        if (useCandidate) m.Add(new UseCandidateAttribute());
        var k = withKey ? key : null;
        var bytes = m.Encode(k, fingerprint: true);
        var back = StunMessage.Parse(bytes);
        return back.TransactionIdEquals(m.TransactionId)
            && back.Get<UsernameAttribute>()!.Value == user
            && back.Get<PriorityAttribute>()!.Value == priority
            && (controlling ? back.Get<IceControllingAttribute>()!.TieBreaker : back.Get<IceControlledAttribute>()!.TieBreaker) == tieBreaker
            && back.Get<XorMappedAddressAttribute>()!.EndPoint.Equals(new IPEndPoint(v6, port))
            && back.Get<MappedAddressAttribute>()!.EndPoint.Equals(new IPEndPoint(v4, port))
            && back.Get<ErrorCodeAttribute>()!.Code == code
            && back.Attributes.OfType<UnknownAttribute>().Single().Value.SequenceEqual(unknown)
            && (back.Get<UseCandidateAttribute>() is not null) == useCandidate
            && back.VerifyFingerprint()
            && (!withKey || back.VerifyIntegrity(key))
            && bytes.Length % 4 == 0;
    }

    [Property(MaxTest = 200)]
    public bool MessageClassAndMethodRoundTrip(byte cls, ushort method)
    {
        var c = (StunMessageClass)(cls % 4);
        var mth = (ushort)(method & 0x0FFF);
        var back = StunMessage.Parse(new StunMessage(c, mth).Encode());
        return back.Class == c && back.Method == mth;
    }

    [Property(MaxTest = 500)]
    public bool TryParseNeverThrowsOnRandomBytes(byte[] data)
    {
        StunMessage.TryParse(data, out _);
        return true;
    }

    [Property(MaxTest = 500)]
    public bool TryParseNeverThrowsOnRandomBodiesBehindAValidHeader(byte[] body, ushort type)
    {
        var padded = body.Take(400).Concat(new byte[(4 - body.Length % 4) % 4]).ToArray();
        var header = new StunMessage(StunMessageClass.Request, StunMethod.Binding).Encode();
        header[0] = (byte)((type >> 8) & 0x3F);
        header[1] = (byte)type;
        header[2] = (byte)(padded.Length >> 8);
        header[3] = (byte)padded.Length;
        var data = header.Concat(padded).ToArray();
        if (StunMessage.TryParse(data, out var m))
        {
            _ = m!.VerifyFingerprint();
            _ = m.VerifyIntegrity([1, 2, 3]);
        }
        return true;
    }

    private static byte[] Fit(byte[] b, int length)
    {
        var r = new byte[length];
        b.AsSpan(0, Math.Min(b.Length, length)).CopyTo(r);
        return r;
    }
}
