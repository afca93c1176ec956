using SecureLink.Host.Protocol;
using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>room.accept</c>: the creator takes the reply; connecting and the PIN check follow as <c>room.state</c> events.</summary>
public sealed class RoomAcceptHandler(RoomHost rooms) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var reply = RequestFields.RequireString(request.Body, "reply");
        var room = rooms.Require();
        await RoomErrors.Guard(() => room.AcceptAsync(reply, cancellationToken)).ConfigureAwait(false);
        return Reply.Of(new EmptyResponse(request.Id), HostJson.Context.EmptyResponse);
    }
}
