namespace SecureLink.Host;

/// <summary>The version strings the host reports (<c>--version</c>, <c>hello</c>). Kept equal to the csproj Version (a test checks).</summary>
public static class HostVersion
{
    public const string Current = "0.1.0";

    /// <summary>The native messaging protocol version this host speaks.</summary>
    public const int Protocol = 1;
}
