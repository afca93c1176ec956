using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Rooms.Nearby;
using SecureLink.Rooms.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>
/// The host's nearby-rooms state: the watch of a visible room (creator) or of a nearby join
/// (joiner), the running browse, and the invites that browse found, so that a <c>room.join</c>
/// with one of them announces its reply on the network instead of asking the person to hand it
/// back. Nothing here is secret (labels and invites are public on the link); all of it is
/// dropped with the host. Offline rooms send no mDNS unless made visible (DESIGN §4).
/// </summary>
public sealed class NearbyService(RoomHost rooms, IEventSink events, ILog log, TimeProvider time) : IAsyncDisposable
{
    private const int MaxRemembered = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _found = new(StringComparer.Ordinal);
    private NearbyCreatorWatch? _creator;
    private RoomSession? _creatorRoom;
    private NearbyJoinerWatch? _joiner;
    private RoomSession? _joinerRoom;
    private CancellationTokenSource? _browse;

    /// <summary>Makes <paramref name="room"/> visible; returns its label. <see cref="NearbyException"/> if it cannot be.</summary>
    public async Task<string> MakeVisibleAsync(RoomSession room)
    {
        await StopWatchesAsync().ConfigureAwait(false);
        var watch = NearbyCreatorWatch.Start(room, time, log);
        lock (_gate)
        {
            _creator = watch;
            _creatorRoom = room;
        }
        return watch.Label;
    }

    /// <summary>After any <c>room.join</c>: a room found nearby announces its reply; any other join stops earlier watches only.</summary>
    public async Task JoinedAsync(RoomSession room, string invite)
    {
        await StopWatchesAsync().ConfigureAwait(false);
        bool nearby;
        lock (_gate) nearby = _found.ContainsKey(Normalize(invite));
        if (!nearby) return;
        var watch = NearbyJoinerWatch.Start(room, time, log);
        lock (_gate)
        {
            _joiner = watch;
            _joinerRoom = room;
        }
    }

    /// <summary>Before a room.create that is not visible: an earlier room's watch goes away.</summary>
    public Task ForgetRoomAsync() => StopWatchesAsync();

    public NearbyStatusResponse Status(long id)
    {
        lock (_gate)
        {
            var current = rooms.Room;
            var visible = _creator is not null && ReferenceEquals(_creatorRoom, current);
            var announced = _joiner is not null && ReferenceEquals(_joinerRoom, current) && current?.State == RoomState.WaitingCreator;
            return new NearbyStatusResponse(id, visible, visible && _creator!.Advertising, announced, visible ? _creator!.Label : null);
        }
    }

    /// <summary>Starts browsing (ending a browse still running); the socket opens before this returns, so its failure is the request's error.</summary>
    public void Browse(TimeSpan duration)
    {
        var cts = new CancellationTokenSource();
        CancellationTokenSource? old;
        lock (_gate)
        {
            old = _browse;
            _browse = cts;
        }
        old?.Cancel();
        Task<IReadOnlyList<NearbyRoom>> running;
        try
        {
            running = NearbyBrowser.Start(NearbyInterfaces.All(), duration, found => Emit(found, done: false, cts.Token), time, log, cts.Token);
        }
        catch
        {
            lock (_gate) if (_browse == cts) _browse = null;
            cts.Dispose();
            throw;
        }
        _ = FinishAsync(running, cts);
    }

    private async Task FinishAsync(Task<IReadOnlyList<NearbyRoom>> running, CancellationTokenSource cts)
    {
        IReadOnlyList<NearbyRoom> found = [];
        try
        {
            found = await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (log.IsEnabled(LogLevel.Error)) log.Write(LogLevel.Error, "nearby", $"browse: {e.GetType().Name}");
        }
        bool current;
        lock (_gate)
        {
            current = _browse == cts;
            if (current) _browse = null;
        }
        // A browse replaced by a newer one stays quiet: the newer one reports.
        if (current) Emit(found, done: true, CancellationToken.None);
        cts.Dispose();
    }

    private void Emit(IReadOnlyList<NearbyRoom> found, bool done, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return;
        lock (_gate)
        {
            foreach (var r in found)
            {
                if (_found.Count >= MaxRemembered) _found.Remove(_found.Keys.First());
                _found[Normalize(r.Invite)] = r.Label;
            }
        }
        var list = found.Select(r => new NearbyRoomInfo(r.Label, r.Invite, RoomHost.Iso(r.ExpiresAt))).ToList();
        _ = events.EmitAsync(new NearbyRoomsEvent(list, done), HostJson.Context.NearbyRoomsEvent, CancellationToken.None).AsTask();
    }

    private static string Normalize(string invite) => string.Concat(invite.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    private async Task StopWatchesAsync()
    {
        NearbyCreatorWatch? creator;
        NearbyJoinerWatch? joiner;
        lock (_gate)
        {
            creator = _creator;
            joiner = _joiner;
            _creator = null;
            _creatorRoom = null;
            _joiner = null;
            _joinerRoom = null;
        }
        if (creator is not null) await creator.DisposeAsync().ConfigureAwait(false);
        if (joiner is not null) await joiner.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>At host exit: goodbyes go out, the browse stops.</summary>
    public async ValueTask DisposeAsync()
    {
        CancellationTokenSource? browse;
        lock (_gate)
        {
            browse = _browse;
            _browse = null;
            _found.Clear();
        }
        browse?.Cancel();
        await StopWatchesAsync().ConfigureAwait(false);
    }
}
