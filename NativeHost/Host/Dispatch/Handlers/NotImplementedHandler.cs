using SecureLink.Host.Protocol;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>
/// Stands in for request types that are part of the protocol but not built yet, so clients can
/// tell "later" (<c>not_implemented</c>) from "never" (<c>unknown_type</c>).
/// </summary>
public sealed class NotImplementedHandler : IRequestHandler
{
    /// <summary>Every protocol request type this build knows but does not implement yet.</summary>
    public static readonly string[] PlannedTypes =
    [
        "room.create", "room.join", "room.accept", "room.leave",
        "chat.send", "chat.typing", "chat.history",
        "call.start", "call.accept", "call.decline", "call.hangup", "call.mute",
        "qr.decode",
    ];

    public static NotImplementedHandler Instance { get; } = new();

    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken) =>
        throw new RequestException(ErrorCodes.NotImplemented, $"Request '{request.Type}' is not implemented in this build of the host.");
}
