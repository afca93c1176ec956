using SecureLink.Host.Protocol;
using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>room.leave</c>: closes the connection (SCTP shutdown, DTLS close_notify), zeroes keys and messages; <c>no_room</c> when there is none.</summary>
public sealed class RoomLeaveHandler(RoomHost rooms) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        rooms.Require();
        await rooms.LeaveAsync(cancellationToken).ConfigureAwait(false);
        return Reply.Of(new EmptyResponse(request.Id), HostJson.Context.EmptyResponse);
    }
}
