using System.Text;

namespace SecureLink.WebRtc.Stun;

/// <summary>USERNAME (RFC 8489 §14.3): for ICE, "receiverUfrag:senderUfrag". At most 763 bytes of UTF-8.</summary>
public sealed record UsernameAttribute(string Value) : StunAttribute
{
    public const int MaxBytes = 763;
    public override ushort Type => StunAttributeType.Username;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => Encoding.UTF8.GetBytes(Value);

    internal static UsernameAttribute Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length > MaxBytes) throw new StunFormatException($"USERNAME is {value.Length} bytes; at most {MaxBytes} are allowed.");
        return new UsernameAttribute(StunText.DecodeUtf8(value, "USERNAME"));
    }
}
