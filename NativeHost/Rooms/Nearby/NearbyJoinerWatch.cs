using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Nearby;

/// <summary>
/// The joiner of a nearby room: announces its reply (see <see cref="NearbyReplyAnnouncer"/>)
/// while it is <c>waiting-creator</c>, and stops with a goodbye once the creator starts connecting,
/// or on leave, failure or expiry. Looks at the room's state every 200 ms.
/// </summary>
public sealed class NearbyJoinerWatch : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly RoomSession _room;
    private readonly NearbyReplyAnnouncer _announcer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeProvider _time;
    private int _disposed;

    private NearbyJoinerWatch(RoomSession room, NearbyReplyAnnouncer announcer, TimeProvider time)
    {
        _room = room;
        _announcer = announcer;
        _time = time;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Starts announcing the reply of <paramref name="room"/> (a joiner in <c>waiting-creator</c>); <see cref="NearbyException"/> if it cannot.</summary>
    public static NearbyJoinerWatch Start(RoomSession room, TimeProvider time, ILog log)
    {
        var reply = room.Reply ?? throw new NearbyException("Only a room that waits for its creator can announce its reply.");
        var record = ReplyCode.Decode(reply.Reply, Convert.FromHexString(room.RoomId));
        var interfaces = NearbyInterfaces.Carrying(record.Candidates.Where(c => !c.IsServerReflexive).Select(c => c.Address));
        if (interfaces.Count == 0) throw new NearbyException("This room has no address on a local IPv4 network to be seen on.");
        return new NearbyJoinerWatch(room, NearbyReplyAnnouncer.Start(reply.Reply, interfaces, time, log), time);
    }

    private async Task RunAsync()
    {
        try
        {
            while (_room.State == RoomState.WaitingCreator)
                await Task.Delay(Poll, _time, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _announcer.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
