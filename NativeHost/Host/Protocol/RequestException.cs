namespace SecureLink.Host.Protocol;

/// <summary>
/// Thrown by a handler (or the field readers) to answer the request with an error instead of a
/// result. The dispatcher turns it into <c>{"ok":false,"error":{code,message}}</c>.
/// </summary>
public sealed class RequestException : Exception
{
    public RequestException(string code, string message, int[]? supported = null) : base(message)
    {
        Code = code;
        Supported = supported;
    }

    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>For <see cref="ErrorCodes.UnsupportedProtocol"/>: the protocol versions this host speaks.</summary>
    public int[]? Supported { get; }
}
