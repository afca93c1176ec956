namespace SecureLink.WebRtc.Stun;

/// <summary>STUN methods we speak. ICE needs only Binding (RFC 8489 §18.2).</summary>
public static class StunMethod
{
    public const ushort Binding = 0x001;
}
