using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Rooms.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>chat.history</c>: pages back from <c>beforeMessageId</c> (limit 1..200, default 50, within 768 KiB).</summary>
public sealed class ChatHistoryHandler(RoomHost rooms) : IRequestHandler
{
    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var before = RequestFields.RequireString(request.Body, "beforeMessageId");
        var limit = RequestFields.OptionalInt32(request.Body, "limit", 1, 200) ?? 50;
        var room = rooms.Require();
        try
        {
            var page = room.History(before, limit);
            return ValueTask.FromResult(Reply.Of(new ChatHistoryResponse(request.Id, RoomHost.Messages(page.Messages), page.HasOlder),
                HostJson.Context.ChatHistoryResponse));
        }
        catch (RoomException e)
        {
            throw new RequestException(e.Code, e.Message);
        }
    }
}
