using System.Threading.Channels;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Nearby;

/// <summary>
/// Keeps one visible room on the network exactly while it waits for a reply: advertising in
/// <c>waiting-reply</c> (again after a wrong PIN sends it back there), a goodbye the moment a
/// reply is taken, and for good on leave, failure or expiry. A joiner's reply heard on the
/// network is given to <see cref="RoomSession.AcceptAsync"/>, so neither person copies a code.
/// The room's state is looked at every 200 ms rather than hooked: the room's events already have
/// a listener (the host), and a goodbye 200 ms late costs nothing.
/// </summary>
public sealed class NearbyCreatorWatch : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly RoomSession _room;
    private readonly NearbyAdvert _advert;
    private readonly IReadOnlyList<NearbyInterface> _interfaces;
    private readonly TimeProvider _time;
    private readonly ILog _log;
    private readonly Channel<string> _replies = Channel.CreateBounded<string>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly HashSet<string> _tried = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private NearbyAdvertiser? _advertiser;
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    private NearbyCreatorWatch(RoomSession room, NearbyAdvert advert, IReadOnlyList<NearbyInterface> interfaces, TimeProvider time, ILog log)
    {
        _room = room;
        _advert = advert;
        _interfaces = interfaces;
        _time = time;
        _log = log;
    }

    public string Label => _advert.Label;

    /// <summary>True while the room is being announced.</summary>
    public bool Advertising => Volatile.Read(ref _advertiser) is not null;

    /// <summary>
    /// Starts advertising <paramref name="room"/> (a creator in <c>waiting-reply</c>) under a fresh
    /// label, on the interfaces that carry its host candidates. <see cref="NearbyException"/> when
    /// it cannot be seen on any network.
    /// </summary>
    public static NearbyCreatorWatch Start(RoomSession room, TimeProvider time, ILog log)
    {
        var invitation = room.Invitation ?? throw new NearbyException("Only a room that waits for a reply can be made visible.");
        var record = InviteCode.Decode(invitation.Invite, time.GetUtcNow());
        var interfaces = NearbyInterfaces.Carrying(record.Candidates.Where(c => !c.IsServerReflexive).Select(c => c.Address));
        if (interfaces.Count == 0) throw new NearbyException("This room has no address on a local IPv4 network to be seen on.");
        var watch = new NearbyCreatorWatch(room, new NearbyAdvert(RoomLabel.Draw(), invitation.Invite, invitation.ExpiresAt), interfaces, time, log);
        watch._advertiser = NearbyAdvertiser.Start(watch._advert, interfaces, watch.OnReply, time, log);
        watch._loop = Task.Run(watch.RunAsync);
        return watch;
    }

    private void OnReply(string reply) => _replies.Writer.TryWrite(reply);

    private async Task RunAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var state = _room.State;
                if (state.IsFinal()) break;
                if (state == RoomState.WaitingReply && _advertiser is null)
                    Volatile.Write(ref _advertiser, NearbyAdvertiser.Start(_advert, _interfaces, OnReply, _time, _log));
                else if (state != RoomState.WaitingReply)
                    await StopAdvertisingAsync().ConfigureAwait(false);
                while (_replies.Reader.TryRead(out var reply)) await TryAcceptAsync(reply).ConfigureAwait(false);
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                tick.CancelAfter(Poll);
                try { await _replies.Reader.WaitToReadAsync(tick.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
        }
        catch (NearbyException)
        {
            // The network went away between attempts; the room still works with codes.
        }
        finally
        {
            await StopAdvertisingAsync().ConfigureAwait(false);
        }
    }

    private async Task TryAcceptAsync(string reply)
    {
        if (_room.State != RoomState.WaitingReply || _tried.Count >= 32 || !_tried.Add(reply)) return;
        try
        {
            await _room.AcceptAsync(reply, _stop.Token).ConfigureAwait(false);
            await StopAdvertisingAsync().ConfigureAwait(false);
            if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, "nearby", "took a reply heard on the network");
        }
        catch (Exception e) when (e is CodeException or RoomException or OperationCanceledException)
        {
            // Someone else's room, a damaged reply or an attempt already running: the room is unchanged.
            if (_log.IsEnabled(LogLevel.Debug)) _log.Write(LogLevel.Debug, "nearby", $"reply not taken: {(e as CodeException)?.Code ?? (e as RoomException)?.Code ?? "cancelled"}");
        }
    }

    private async Task StopAdvertisingAsync()
    {
        var advertiser = Interlocked.Exchange(ref _advertiser, null);
        if (advertiser is not null) await advertiser.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops for good (goodbye if still advertising). Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await StopAdvertisingAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
