using SecureLink.Host.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>Registers the rooms, chat, call and QR handlers over one <see cref="RoomHost"/>, replacing their not_implemented stand-ins.</summary>
public static class RoomHandlers
{
    public static void Register(RequestDispatcher dispatcher, RoomHost rooms, ILog log)
    {
        dispatcher.Register("room.create", new RoomCreateHandler(rooms, log));
        dispatcher.Register("room.join", new RoomJoinHandler(rooms));
        dispatcher.Register("room.accept", new RoomAcceptHandler(rooms));
        dispatcher.Register("room.leave", new RoomLeaveHandler(rooms));
        dispatcher.Register("chat.send", new ChatSendHandler(rooms));
        dispatcher.Register("chat.typing", new ChatTypingHandler(rooms));
        dispatcher.Register("chat.history", new ChatHistoryHandler(rooms));
        dispatcher.Register("qr.decode", new QrDecodeHandler());
        CallHandlers.Register(dispatcher, rooms);
    }
}
