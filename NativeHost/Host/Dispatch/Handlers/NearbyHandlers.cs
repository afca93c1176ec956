using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>
/// Adds nearby rooms over the room handlers (register after <see cref="RoomHandlers"/>): wraps
/// <c>room.create</c> and <c>room.join</c>, adds <c>nearby.browse</c> and <c>nearby.status</c>.
/// The returned service must be disposed at exit so visible rooms say goodbye.
/// </summary>
public static class NearbyHandlers
{
    public static NearbyService Register(RequestDispatcher dispatcher, RoomHost rooms, IEventSink events, ILog log)
    {
        var nearby = new NearbyService(rooms, events, log, TimeProvider.System);
        dispatcher.Register("room.create", new NearbyRoomCreateHandler(new RoomCreateHandler(rooms, log), rooms, nearby));
        dispatcher.Register("room.join", new NearbyRoomJoinHandler(new RoomJoinHandler(rooms), rooms, nearby));
        dispatcher.Register("nearby.browse", new NearbyBrowseHandler(nearby));
        dispatcher.Register("nearby.status", new NearbyStatusHandler(nearby));
        return nearby;
    }
}
