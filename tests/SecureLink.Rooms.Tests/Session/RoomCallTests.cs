using SecureLink.Rooms.Call;
using SecureLink.Rooms.Session;
using SecureLink.Rooms.Tests.Call;
using Xunit;

namespace SecureLink.Rooms.Tests.Session;

/// <summary>Calls between two verified rooms in one process over real loopback UDP: signalling on the real chat channel.</summary>
public sealed class RoomCallTests
{
    private static async Task<(RoomSession Creator, RoomSession Joiner)> VerifiedPairAsync(RoomProbe cp, RoomProbe jp, RoomOptions? options = null)
    {
        var creator = await RoomSession.CreateAsync(options ?? RoomProbe.Options(), cp.Sink, CancellationToken.None);
        var inv = creator.Invitation!;
        var joiner = await RoomSession.JoinAsync(inv.Invite, inv.Pin, options ?? RoomProbe.Options(), jp.Sink, CancellationToken.None);
        await creator.AcceptAsync(joiner.Reply!.Reply, CancellationToken.None);
        await cp.WaitStateAsync(RoomState.Verified);
        await jp.WaitStateAsync(RoomState.Verified);
        return (creator, joiner);
    }

    private static Task<RoomCallChanged> CallAsync(RoomProbe p, CallState state, int seconds = 20) =>
        p.WaitAsync<RoomCallChanged>(c => c.Call.State == state, seconds);

    private static string Code(Action a) => Assert.Throws<RoomException>(a).Code;

    [Fact(Timeout = 90_000)]
    public async Task A_call_rings_is_accepted_muted_and_hung_up_across_two_rooms()
    {
        var (cp, jp) = (new RoomProbe(), new RoomProbe());
        var (creator, joiner) = await VerifiedPairAsync(cp, jp);
        await using (creator)
        await using (joiner)
        {
            joiner.StartCall();
            Assert.Equal(CallState.Ringing, (await CallAsync(jp, CallState.Ringing)).Call.State);
            var incoming = await CallAsync(cp, CallState.Incoming);
            Assert.False(incoming.Call.Outgoing);
            await jp.WaitAsync<RoomCallChanged>(c => c.Call.PeerRinging);
            Assert.Equal("call_busy", Code(joiner.StartCall));
            Assert.Equal("no_call", Code(joiner.AcceptCall));

            creator.AcceptCall();
            var active = await CallAsync(jp, CallState.Active);
            Assert.NotNull(active.Call.StartedAt);
            Assert.Equal(CallState.Active, creator.Call!.State);
            Assert.Equal(incoming.Call.Id, active.Call.Id);

            creator.MuteCall(true);
            Assert.True((await jp.WaitAsync<RoomCallChanged>(c => c.Call.PeerMuted)).Call.PeerMuted);

            joiner.HangupCall();
            Assert.Equal(CallReasons.HungUp, (await CallAsync(jp, CallState.Ended)).Call.ReasonCode);
            Assert.Equal(CallReasons.PeerHungUp, (await CallAsync(cp, CallState.Ended)).Call.ReasonCode);
            Assert.Null(creator.Call);
            Assert.Null(joiner.Call);
            Assert.Equal("no_call", Code(creator.HangupCall));

            // A second call in the same room, the other way, declined.
            creator.StartCall();
            await CallAsync(jp, CallState.Incoming);
            joiner.DeclineCall();
            Assert.Equal(CallReasons.PeerDeclined, (await CallAsync(cp, CallState.Ended)).Call.ReasonCode);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Both_calling_at_once_connects_one_call_and_the_peer_leaving_ends_it()
    {
        var (cp, jp) = (new RoomProbe(), new RoomProbe());
        var (creator, joiner) = await VerifiedPairAsync(cp, jp);
        await using (creator)
        await using (joiner)
        {
            creator.StartCall();
            joiner.StartCall();
            var ca = await CallAsync(cp, CallState.Active);
            var ja = await CallAsync(jp, CallState.Active);
            Assert.Equal(ca.Call.Id, ja.Call.Id);

            await joiner.LeaveAsync();
            Assert.Equal(CallReasons.PeerLeft, (await CallAsync(cp, CallState.Ended)).Call.ReasonCode);
            Assert.Equal("no_room", Code(creator.StartCall));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unanswered_call_ends_with_no_answer_after_the_ring_timeout()
    {
        var (cp, jp) = (new RoomProbe(), new RoomProbe());
        var (creator, joiner) = await VerifiedPairAsync(cp, jp, RoomProbe.Options() with { RingTimeout = TimeSpan.FromSeconds(1) });
        await using (creator)
        await using (joiner)
        {
            creator.StartCall();
            await CallAsync(jp, CallState.Incoming);
            Assert.Equal(CallReasons.NoAnswer, (await CallAsync(cp, CallState.Ended, 10)).Call.ReasonCode);
            Assert.Equal(CallReasons.PeerHungUp, (await CallAsync(jp, CallState.Ended, 10)).Call.ReasonCode);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Each_active_call_opens_its_devices_and_closes_them_when_it_ends_or_the_room_is_left()
    {
        var (cp, jp) = (new RoomProbe(), new RoomProbe());
        var devices = new CountingDevices();
        var (creator, joiner) = await VerifiedPairAsync(cp, jp, RoomProbe.Options() with { CallDevices = devices });
        await using (creator)
        await using (joiner)
        {
            Assert.Equal(0, devices.Opened); // a room without a call holds no microphone
            creator.StartCall();
            await CallAsync(jp, CallState.Incoming);
            Assert.Equal(0, devices.Opened); // nor does a ringing call
            joiner.AcceptCall();
            await CallAsync(cp, CallState.Active);
            var stats = await cp.WaitAsync<RoomCallStats>(); // the voice call runs over the room's audio stream
            Assert.InRange(stats.Stats.Mos, 1, 4.5);
            await WaitUntil(() => devices.Opened == 2, "both sides opened a microphone");
            Assert.Null(creator.Call!.DeviceProblem);

            creator.HangupCall();
            await WaitUntil(() => devices.Closed == 2, "both microphones closed after the hang-up");

            joiner.StartCall();
            await CallAsync(cp, CallState.Incoming);
            creator.AcceptCall();
            await CallAsync(jp, CallState.Active);
            await WaitUntil(() => devices.Opened == 4, "the second call opened its own devices");
            await joiner.LeaveAsync();
            await WaitUntil(() => devices.Closed == 4, "leaving closed both sides' microphones");
            Assert.Equal(CallReasons.PeerLeft, (await CallAsync(cp, CallState.Ended)).Call.ReasonCode);
        }
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition(), what);
    }

    [Fact(Timeout = 30_000)]
    public async Task Calls_need_a_verified_room()
    {
        var cp = new RoomProbe();
        await using var creator = await RoomSession.CreateAsync(RoomProbe.Options(), cp.Sink, CancellationToken.None);
        Assert.Equal("no_room", Code(creator.StartCall));
        Assert.Equal("no_room", Code(creator.AcceptCall));
        Assert.Equal("no_room", Code(() => creator.MuteCall(true)));
        Assert.Null(creator.Call);
    }
}
