namespace SecureLink.WebRtc.Ice;

/// <summary>RFC 8445 §6.1.1: the controlling agent nominates the pair. In SecureLink the offerer controls.</summary>
public enum IceRole
{
    Controlling,
    Controlled,
}
