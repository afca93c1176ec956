using System.Text;

namespace SecureLink.WebRtc.Stun;

/// <summary>SOFTWARE (RFC 8489 §14.14): a free-text agent description. We never send it (it reveals the stack), but parse it.</summary>
public sealed record SoftwareAttribute(string Value) : StunAttribute
{
    public override ushort Type => StunAttributeType.Software;
    public override byte[] EncodeValue(ReadOnlySpan<byte> transactionId) => Encoding.UTF8.GetBytes(Value);
    internal static SoftwareAttribute Decode(ReadOnlySpan<byte> value) => new(StunText.DecodeUtf8(value, "SOFTWARE"));
}
