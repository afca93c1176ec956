using System.Collections.Concurrent;
using System.Net;
using SecureLink.Benchmarks.WebRtc;
using SecureLink.Rooms.Session;

namespace SecureLink.Benchmarks.Load;

/// <summary>
/// A creator and a joiner in this process, verified over real UDP on the namespace's two veth
/// addresses (the full invite → reply → ICE → DTLS → SCTP → PIN path), with their events in
/// queues the load benchmarks read.
/// </summary>
internal sealed class RoomPair : IAsyncDisposable
{
    private RoomPair(RoomSession creator, RoomSession joiner, RoomEvents creatorEvents, RoomEvents joinerEvents)
    {
        (Creator, Joiner, CreatorEvents, JoinerEvents) = (creator, joiner, creatorEvents, joinerEvents);
    }

    public RoomSession Creator { get; }
    public RoomSession Joiner { get; }
    public RoomEvents CreatorEvents { get; }
    public RoomEvents JoinerEvents { get; }

    public static RoomOptions Options(IPAddress address) => new()
    {
        AddressFilter = a => a.Equals(address),
        ExpiresIn = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(20),
        PakeTimeout = TimeSpan.FromSeconds(20),
    };

    public static async Task<RoomPair> VerifiedAsync(CancellationToken ct, Action<RoomEvent>? creatorTap = null, Action<RoomEvent>? joinerTap = null)
    {
        var creatorEvents = new RoomEvents(creatorTap);
        var joinerEvents = new RoomEvents(joinerTap);
        var creator = await RoomSession.CreateAsync(Options(WebRtcBench.LanA), creatorEvents.Sink, ct);
        RoomSession? joiner = null;
        try
        {
            var invitation = creator.Invitation ?? throw new InvalidOperationException("the new room shows no invitation");
            joiner = await RoomSession.JoinAsync(invitation.Invite, invitation.Pin, Options(WebRtcBench.LanB), joinerEvents.Sink, ct);
            await creator.AcceptAsync(joiner.Reply!.Reply, ct);
            await creatorEvents.Verified.Task.WaitAsync(TimeSpan.FromSeconds(40), ct);
            await joinerEvents.Verified.Task.WaitAsync(TimeSpan.FromSeconds(40), ct);
            return new RoomPair(creator, joiner, creatorEvents, joinerEvents);
        }
        catch
        {
            if (joiner is not null) await joiner.DisposeAsync();
            await creator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Joiner.LeaveAsync();
        await Creator.LeaveAsync();
    }

    /// <summary>One side's events: verified / failed, and a tap for messages.</summary>
    internal sealed class RoomEvents(Action<RoomEvent>? tap)
    {
        public TaskCompletionSource Verified { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Problems { get; } = new();

        public Action<RoomEvent> Sink => e =>
        {
            if (e is RoomStateChanged s)
            {
                if (s.To == RoomState.Verified) Verified.TrySetResult();
                else if (s.To.IsFinal())
                {
                    Problems.Enqueue($"{s.To.WireName()} ({s.ReasonCode})");
                    Verified.TrySetException(new InvalidOperationException($"room went {s.To.WireName()} ({s.ReasonCode})"));
                }
            }
            tap?.Invoke(e);
        };
    }
}
