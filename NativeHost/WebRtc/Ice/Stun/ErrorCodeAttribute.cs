using System.Text;

namespace SecureLink.WebRtc.Stun;

/// <summary>ERROR-CODE (RFC 8489 §14.8): a code 300–699 and a short reason phrase.</summary>
public sealed record ErrorCodeAttribute(int Code, string Reason) : StunAttribute
{
    public const int BadRequest = 400;
    public const int Unauthorized = 401;
    public const int UnknownAttribute = 420;
    public const int RoleConflict = 487;

    public override ushort Type => StunAttributeType.ErrorCode;

    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId)
    {
        if (Code is < 300 or > 699) throw new ArgumentOutOfRangeException(nameof(Code), Code, "STUN error codes are 300–699.");
        var reason = Encoding.UTF8.GetBytes(Reason);
        var b = new byte[4 + reason.Length];
        b[2] = (byte)(Code / 100);
        b[3] = (byte)(Code % 100);
        reason.CopyTo(b, 4);
        return b;
    }

    internal static ErrorCodeAttribute Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length < 4) throw new StunFormatException($"ERROR-CODE needs at least 4 bytes, has {value.Length}.");
        var cls = value[2] & 0x07;
        var number = value[3];
        if (cls is < 3 or > 6 || number > 99) throw new StunFormatException($"ERROR-CODE {cls}/{number} is out of range.");
        return new ErrorCodeAttribute(cls * 100 + number, StunText.DecodeUtf8(value[4..], "ERROR-CODE reason"));
    }
}
