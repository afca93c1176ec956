using SecureLink.Host.Protocol;
using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>chat.send</c>: sends on the verified channel, answers the message id; the receipt follows as an event.</summary>
public sealed class ChatSendHandler(RoomHost rooms) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var text = RequestFields.RequireString(request.Body, "text");
        var room = rooms.Require();
        var id = await RoomErrors.Guard(() => room.SendAsync(text, cancellationToken)).ConfigureAwait(false);
        return Reply.Of(new ChatSendResponse(request.Id, id), HostJson.Context.ChatSendResponse);
    }
}
