using SecureLink.Host.Protocol;
using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>chat.typing</c>: our typing hint (call on each keystroke; the chat layer rate-limits).</summary>
public sealed class ChatTypingHandler(RoomHost rooms) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var typing = RequestFields.RequireBoolean(request.Body, "typing");
        var room = rooms.Require();
        await RoomErrors.Guard(() => room.SetTypingAsync(typing, cancellationToken)).ConfigureAwait(false);
        return Reply.Of(new EmptyResponse(request.Id), HostJson.Context.EmptyResponse);
    }
}
