using SecureLink.Host.Protocol;
using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>call.mute</c> {muted}: our microphone switch, told to the peer. Errors: <c>no_room</c>, <c>no_call</c>.</summary>
public sealed class CallMuteHandler(RoomHost rooms) : IRequestHandler
{
    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var muted = RequestFields.RequireBoolean(request.Body, "muted");
        var room = rooms.Require();
        RoomErrors.Guard(() => room.MuteCall(muted));
        return ValueTask.FromResult(Reply.Of(new EmptyResponse(request.Id), HostJson.Context.EmptyResponse));
    }
}
