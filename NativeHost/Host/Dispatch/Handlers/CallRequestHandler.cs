using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Rooms.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>
/// <c>call.start</c>, <c>call.accept</c>, <c>call.decline</c>, <c>call.hangup</c>: no fields, answer
/// <c>{}</c> at once; the call's progress follows as <c>call.state</c> events. Errors: <c>no_room</c>
/// (no verified room), <c>no_call</c>, <c>call_busy</c>.
/// </summary>
public sealed class CallRequestHandler(RoomHost rooms, Action<RoomSession> request) : IRequestHandler
{
    public ValueTask<Reply> HandleAsync(Request message, CancellationToken cancellationToken)
    {
        var room = rooms.Require();
        RoomErrors.Guard(() => request(room));
        return ValueTask.FromResult(Reply.Of(new EmptyResponse(message.Id), HostJson.Context.EmptyResponse));
    }
}
