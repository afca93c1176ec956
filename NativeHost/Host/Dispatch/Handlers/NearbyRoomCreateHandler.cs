using System.Text.Json;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Rooms.Nearby;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>
/// <c>room.create</c> with the optional <c>visible</c> switch (default false): the room is made as
/// usual, then advertised nearby. If it cannot be seen on any network the new room is left again
/// and the answer is <c>nearby_unavailable</c>: the person asked to be visible and must know.
/// </summary>
public sealed class NearbyRoomCreateHandler(IRequestHandler create, RoomHost rooms, NearbyService nearby) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var visible = Visible(request.Body);
        // A refused create (busy, bad field) leaves the current room, and its advertising, as they were.
        var reply = await create.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (!visible)
        {
            await nearby.ForgetRoomAsync().ConfigureAwait(false);
            return reply;
        }
        if (reply.Value is not RoomCreateResponse created || rooms.Room is not { } room) return reply;
        try
        {
            var label = await nearby.MakeVisibleAsync(room).ConfigureAwait(false);
            return Reply.Of(new VisibleRoomCreateResponse(created.Id, created.RoomId, created.Invite, created.InviteQrSvg, created.Pin,
                created.ExpiresAt, label), HostJson.Context.VisibleRoomCreateResponse);
        }
        catch (NearbyException e)
        {
            await rooms.LeaveAsync(cancellationToken).ConfigureAwait(false);
            throw new RequestException(e.Code, e.Message);
        }
    }

    private static bool Visible(JsonElement body) =>
        body.TryGetProperty("visible", out var v) && v.ValueKind != JsonValueKind.Null && RequestFields.RequireBoolean(body, "visible");
}
