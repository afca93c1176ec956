namespace SecureLink.WebRtc.Sdp;

/// <summary>A <c>c=</c> line: <c>IN IP4 0.0.0.0</c>. <see cref="Address"/> keeps any <c>/ttl</c> suffix.</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>The WebRTC placeholder <c>IN IP4 0.0.0.0</c> (JSEP: no default candidate is promised).</summary>
    public static SdpConnection Unspecified { get; } = new("IN", "IP4", "0.0.0.0");

    /// <summary>Reads the value of a c= line; null when it is not three tokens.</summary>
    public static SdpConnection? TryParse(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 ? new SdpConnection(parts[0], parts[1], parts[2]) : null;
    }

    /// <summary>The value after <c>c=</c>.</summary>
    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
