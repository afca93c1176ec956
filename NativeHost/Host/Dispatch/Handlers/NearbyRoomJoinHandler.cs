using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Rooms.Nearby;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>
/// <c>room.join</c>, unchanged on the wire; when the invite is one <c>nearby.browse</c> found, the
/// reply is also announced on the network so the creator's host takes it by itself. If that
/// cannot start, the join still stands: the reply code is in the answer, as for any room.
/// </summary>
public sealed class NearbyRoomJoinHandler(IRequestHandler join, RoomHost rooms, NearbyService nearby) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var reply = await join.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (rooms.Room is { } room && RequestFields.TryGetString(request.Body.GetProperty("invite"), out var invite))
        {
            try
            {
                await nearby.JoinedAsync(room, invite).ConfigureAwait(false);
            }
            catch (NearbyException)
            {
                // The reply is shown to be handed over by hand, as without nearby rooms.
            }
        }
        return reply;
    }
}
