using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>Registers the call.* handlers over the one <see cref="RoomHost"/>, replacing their not_implemented stand-ins.</summary>
public static class CallHandlers
{
    public static void Register(RequestDispatcher dispatcher, RoomHost rooms)
    {
        dispatcher.Register("call.start", new CallRequestHandler(rooms, room => room.StartCall()));
        dispatcher.Register("call.accept", new CallRequestHandler(rooms, room => room.AcceptCall()));
        dispatcher.Register("call.decline", new CallRequestHandler(rooms, room => room.DeclineCall()));
        dispatcher.Register("call.hangup", new CallRequestHandler(rooms, room => room.HangupCall()));
        dispatcher.Register("call.mute", new CallMuteHandler(rooms));
    }
}
