using SecureLink.Host.Protocol;
using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>room.join</c>: invite + PIN in, reply code (text + QR) out; the room then waits for the creator.</summary>
public sealed class RoomJoinHandler(RoomHost rooms) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var invite = RequestFields.RequireString(request.Body, "invite");
        var pin = RequestFields.RequireString(request.Body, "pin");
        if (pin.Length is < 4 or > 10 || !pin.All(char.IsAsciiDigit))
            throw new RequestException(ErrorCodes.WrongType, "Field 'pin' must be 4 to 10 digits.");
        var room = await RoomErrors.Guard(() => rooms.JoinAsync(invite, pin, cancellationToken)).ConfigureAwait(false);
        var reply = room.Reply ?? throw new RequestException(ErrorCodes.HostError, "The room ended before its reply could be shown.");
        return Reply.Of(new RoomJoinResponse(request.Id, reply.RoomId, reply.Reply, reply.ReplyQrSvg), HostJson.Context.RoomJoinResponse);
    }
}
