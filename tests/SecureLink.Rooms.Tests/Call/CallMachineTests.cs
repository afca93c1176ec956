using Xunit;
using SecureLink.Rooms.Call;
using SecureLink.Rooms.Chat;
using SecureLink.Rooms.Tests.Chat;

namespace SecureLink.Rooms.Tests.Call;

/// <summary>The call state machine with recording stand-ins and a manual clock: every transition of its diagram.</summary>
public sealed class CallMachineTests
{
    private readonly ManualTimeProvider _time = new();

    private static string Code(Action a) => Assert.Throws<CallException>(a).Code;

    [Fact]
    public void Call_ring_accept_mute_hang_up_walks_both_sides_through_every_state()
    {
        using var p = new CallPair(_time);
        var id = p.A.Start();
        Assert.Equal(CallState.Ringing, p.A.Current!.State);
        Assert.True(p.A.Current.Outgoing);
        Assert.False(p.A.Current.PeerRinging);
        p.Pump();
        Assert.Equal(CallState.Incoming, p.B.Current!.State);
        Assert.Equal(id, p.B.Current.Id);
        Assert.True(p.A.Current!.PeerRinging); // B's host confirmed it alerts
        Assert.Equal([ChatFrameKind.CallOffer], p.AFx.Sent.Select(s => s.Kind));
        Assert.Equal([ChatFrameKind.CallRing], p.BFx.Sent.Select(s => s.Kind));

        _time.Advance(TimeSpan.FromSeconds(5));
        p.B.Accept();
        Assert.Equal(CallState.Active, p.B.Current!.State);
        Assert.True(p.BFx.MediaRunning);
        p.Pump();
        Assert.Equal(CallState.Active, p.A.Current!.State);
        Assert.True(p.AFx.MediaRunning);
        Assert.Equal(_time.GetUtcNow(), p.A.Current.StartedAt);

        p.A.SetMuted(true);
        Assert.True(p.AFx.MediaMuted);
        Assert.True(p.A.Current!.Muted);
        p.Pump();
        Assert.True(p.B.Current!.PeerMuted);
        var views = p.BFx.Views.Count;
        p.A.SetMuted(true); // no change: nothing sent, nothing shown
        p.Pump();
        Assert.Equal(views, p.BFx.Views.Count);

        p.A.Hangup();
        Assert.Null(p.A.Current);
        Assert.Equal(CallReasons.HungUp, p.AFx.LastView!.ReasonCode);
        p.Pump();
        Assert.Null(p.B.Current);
        Assert.Equal(CallReasons.PeerHungUp, p.BFx.LastView!.ReasonCode);
        Assert.False(p.AFx.MediaRunning);
        Assert.False(p.BFx.MediaRunning);
        // Media stops before the ended view is announced, so no statistics can follow it.
        Assert.Equal(["view Active", "send CallMute", "media mute True", "view Active", "send CallHangup", "media stop", "view Ended hung_up"],
            p.AFx.Log.SkipWhile(l => l != "media start").Skip(1).ToArray());
    }

    [Fact]
    public void Decline_ends_both_sides_with_their_own_reason()
    {
        using var p = new CallPair(_time);
        p.A.Start();
        p.Pump();
        p.B.Decline();
        p.Pump();
        Assert.Equal(CallReasons.Declined, p.BFx.LastView!.ReasonCode);
        Assert.Equal(CallReasons.PeerDeclined, p.AFx.LastView!.ReasonCode);
        Assert.Null(p.A.Current);
        Assert.Null(p.B.Current);
        Assert.False(p.AFx.MediaRunning);
    }

    [Fact]
    public void Hanging_up_an_incoming_call_declines_it_and_cancelling_an_outgoing_one_tells_the_callee()
    {
        using var p = new CallPair(_time);
        p.A.Start();
        p.Pump();
        p.B.Hangup();
        p.Pump();
        Assert.Equal(CallReasons.Declined, p.BFx.LastView!.ReasonCode);
        Assert.Equal(CallReasons.PeerDeclined, p.AFx.LastView!.ReasonCode);

        p.A.Start();
        p.Pump();
        p.A.Hangup(); // the caller gives up: the callee's banner goes away
        p.Pump();
        Assert.Equal(CallReasons.HungUp, p.AFx.LastView!.ReasonCode);
        Assert.Equal(CallReasons.PeerHungUp, p.BFx.LastView!.ReasonCode);
        Assert.Null(p.B.Current);
    }

    [Fact]
    public void An_unanswered_call_ends_with_no_answer_after_the_ring_timeout_on_both_sides()
    {
        using var p = new CallPair(_time);
        p.A.Start();
        p.Pump();
        _time.Advance(CallMachine.DefaultRingTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CallState.Ringing, p.A.Current!.State);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(p.A.Current);
        Assert.Equal(CallReasons.NoAnswer, p.AFx.LastView!.ReasonCode);
        p.Pump();
        Assert.Null(p.B.Current);
        Assert.Equal(CallReasons.PeerHungUp, p.BFx.LastView!.ReasonCode); // the caller stopped calling
        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public void A_callee_whose_caller_vanished_silently_gives_up_after_the_grace()
    {
        using var p = new CallPair(_time);
        p.A.Start();
        p.Pump();
        p.A.Dispose(); // never hangs up
        _time.Advance(CallMachine.DefaultRingTimeout + CallMachine.IncomingGrace);
        Assert.Null(p.B.Current);
        Assert.Equal(CallReasons.NoAnswer, p.BFx.LastView!.ReasonCode);
        Assert.Equal(ChatFrameKind.CallDecline, p.BFx.Sent[^1].Kind);
    }

    [Fact]
    public void An_answered_call_is_not_ended_by_the_ring_timer()
    {
        using var p = new CallPair(_time, TimeSpan.FromSeconds(2));
        p.A.Start();
        p.Pump();
        p.B.Accept();
        p.Pump();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(CallState.Active, p.A.Current!.State);
        Assert.Equal(CallState.Active, p.B.Current!.State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Glare_both_calling_at_once_connects_one_call_whichever_order_the_offers_cross(bool bFirst)
    {
        using var p = new CallPair(_time);
        CallId a, b;
        if (bFirst) { b = p.B.Start(); a = p.A.Start(); }
        else { a = p.A.Start(); b = p.B.Start(); }
        p.Pump();
        var winner = a.CompareTo(b) < 0 ? a : b;
        Assert.Equal(CallState.Active, p.A.Current!.State);
        Assert.Equal(CallState.Active, p.B.Current!.State);
        Assert.Equal(winner, p.A.Current.Id);
        Assert.Equal(winner, p.B.Current.Id);
        Assert.True(p.AFx.MediaRunning);
        Assert.True(p.BFx.MediaRunning);
        // Exactly one accept crossed, from the loser, for the winner's id.
        var accepts = p.AFx.Sent.Concat(p.BFx.Sent).Where(s => s.Kind == ChatFrameKind.CallAccept).ToList();
        Assert.Equal(winner, Assert.Single(accepts).Id);
        _time.Advance(TimeSpan.FromMinutes(2)); // no stale ring timer fires
        Assert.Equal(CallState.Active, p.A.Current!.State);
        p.B.Hangup();
        p.Pump();
        Assert.Equal(CallReasons.PeerHungUp, p.AFx.LastView!.ReasonCode);
    }

    [Fact]
    public void Wrong_requests_name_their_error_and_change_nothing()
    {
        using var p = new CallPair(_time);
        Assert.Equal(CallException.NoCall, Code(p.A.Accept));
        Assert.Equal(CallException.NoCall, Code(p.A.Decline));
        Assert.Equal(CallException.NoCall, Code(p.A.Hangup));
        Assert.Equal(CallException.NoCall, Code(() => p.A.SetMuted(true)));
        p.A.Start();
        Assert.Equal(CallException.Busy, Code(() => p.A.Start()));
        Assert.Equal(CallException.NoCall, Code(p.A.Accept)); // one cannot answer one's own call
        Assert.Equal(CallException.NoCall, Code(p.A.Decline));
        p.Pump();
        Assert.Equal(CallException.Busy, Code(() => p.B.Start()));
        p.B.Accept();
        Assert.Equal(CallException.Busy, Code(() => p.B.Start()));
        Assert.Equal(CallException.NoCall, Code(p.B.Accept));
        p.Pump();
        Assert.Equal(CallState.Active, p.A.Current!.State);
        Assert.DoesNotContain(p.AFx.Views, v => v.State == CallState.Ended);
    }

    [Fact]
    public void A_mute_set_while_ringing_holds_when_the_call_becomes_active()
    {
        using var p = new CallPair(_time);
        p.A.Start();
        p.A.SetMuted(true);
        p.Pump();
        Assert.True(p.B.Current!.PeerMuted);
        p.B.Accept();
        p.Pump();
        Assert.True(p.AFx.MediaMuted); // media starts muted
        Assert.True(p.A.Current!.Muted);
    }

    [Fact]
    public void The_room_going_away_ends_the_call_silently_and_no_call_can_start_after()
    {
        using var p = new CallPair(_time);
        p.A.Start();
        p.Pump();
        p.B.Accept();
        p.Pump();
        var sent = p.AFx.Sent.Count;
        p.A.OnRoomGone(CallReasons.PeerLeft);
        Assert.Equal(CallReasons.PeerLeft, p.AFx.LastView!.ReasonCode);
        Assert.False(p.AFx.MediaRunning);
        Assert.Equal(sent, p.AFx.Sent.Count);
        Assert.Equal(CallException.NoRoom, Code(() => p.A.Start()));
        p.A.OnSignal(new CallSignal(ChatFrameKind.CallOffer, CallId.New())); // ignored
        Assert.Null(p.A.Current);
    }

    [Fact]
    public void Leaving_the_room_ends_our_call_without_a_frame_the_peer_learns_from_the_leave()
    {
        using var p = new CallPair(_time);
        p.A.Start();
        p.Pump();
        p.B.Accept();
        p.Pump();
        var sent = p.BFx.Sent.Count;
        p.B.OnLeave();
        Assert.Equal(CallReasons.HungUp, p.BFx.LastView!.ReasonCode);
        Assert.False(p.BFx.MediaRunning);
        Assert.Equal(sent, p.BFx.Sent.Count);
        Assert.Equal(CallException.NoRoom, Code(() => p.B.Start()));
        p.A.OnRoomGone(CallReasons.PeerLeft); // what the room's leave tells A
        Assert.Equal(CallReasons.PeerLeft, p.AFx.LastView!.ReasonCode);
    }

    [Fact]
    public void Signals_for_another_call_or_in_the_wrong_state_are_ignored_and_a_second_offer_is_declined()
    {
        using var p = new CallPair(_time);
        var stranger = CallId.New();
        foreach (var kind in new[] { ChatFrameKind.CallRing, ChatFrameKind.CallAccept, ChatFrameKind.CallDecline, ChatFrameKind.CallHangup, ChatFrameKind.CallMute })
            p.A.OnSignal(new CallSignal(kind, stranger, true));
        Assert.Null(p.A.Current);
        Assert.Empty(p.AFx.Views);

        p.A.Start();
        p.Pump();
        p.B.Accept();
        p.Pump();
        p.A.OnSignal(new CallSignal(ChatFrameKind.CallHangup, stranger));
        p.A.OnSignal(new CallSignal(ChatFrameKind.CallAccept, p.A.Current!.Id)); // a repeat: still one media start
        p.A.OnSignal(new CallSignal(ChatFrameKind.CallOffer, p.A.Current!.Id)); // a repeat of the offer id
        Assert.Equal(CallState.Active, p.A.Current!.State);
        p.A.OnSignal(new CallSignal(ChatFrameKind.CallOffer, stranger));
        Assert.Equal(new CallSignal(ChatFrameKind.CallDecline, stranger), p.AFx.Sent[^1]);
        Assert.Equal(CallState.Active, p.A.Current!.State);
    }

    [Fact]
    public void A_device_problem_shows_on_the_active_call_and_a_media_failure_ends_it_with_its_reason()
    {
        using var p = new CallPair(_time);
        var id = p.A.Start();
        p.A.ReportDeviceProblem(id, "ignored while ringing");
        Assert.Null(p.A.Current!.DeviceProblem);
        p.Pump();
        p.B.Accept();
        p.Pump();
        p.A.ReportDeviceProblem(id, "The microphone stopped.");
        Assert.Equal("The microphone stopped.", p.A.Current!.DeviceProblem);
        p.A.Fail(CallId.New(), CallReasons.DeviceError); // another call: nothing
        Assert.NotNull(p.A.Current);
        p.A.Fail(id, CallReasons.DeviceError);
        Assert.Equal(CallReasons.DeviceError, p.AFx.LastView!.ReasonCode);
        p.Pump();
        Assert.Equal(CallReasons.PeerHungUp, p.BFx.LastView!.ReasonCode);
    }

    [Fact]
    public void A_second_call_after_the_first_ended_works_and_gets_a_new_id()
    {
        using var p = new CallPair(_time);
        var first = p.A.Start();
        p.Pump();
        p.B.Decline();
        p.Pump();
        var second = p.B.Start();
        Assert.NotEqual(first, second);
        p.Pump();
        p.A.Accept();
        p.Pump();
        Assert.Equal(CallState.Active, p.B.Current!.State);
        Assert.True(p.B.Current.Outgoing);
    }
}
