namespace SecureLink.Rooms.Chat;

/// <summary>A chat request that cannot be done; <see cref="Code"/> is one of the API codes in <see cref="ChatErrorCodes"/>.</summary>
public sealed class ChatException : Exception
{
    public ChatException(string code, string message) : base(message) => Code = code;

    /// <summary>Stable snake_case code, e.g. <c>message_too_long</c>.</summary>
    public string Code { get; }
}
