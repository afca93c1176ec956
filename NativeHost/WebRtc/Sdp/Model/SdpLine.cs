namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// A line the model does not interpret (<c>i=</c>, <c>u=</c>, <c>e=</c>, <c>p=</c>, <c>r=</c>,
/// <c>z=</c>, <c>k=</c>, or a type letter RFC 8866 does not define). Kept so that a
/// description survives parse and serialize unchanged.
/// </summary>
public sealed record SdpLine(char Type, string Value)
{
    /// <summary>The line without its line ending.</summary>
    public override string ToString() => $"{Type}={Value}";
}
