using Xunit;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Session;
using SecureLink.WebRtc.Dtls;

namespace SecureLink.Rooms.Tests.Session;

/// <summary>Creator and joiner in one process over real loopback UDP: real ICE, DTLS, SCTP and PAKE.</summary>
public sealed class RoomSessionTests
{
    private static string WrongPin(string pin) => pin == "0000" ? "1111" : "0000";

    [Fact(Timeout = 60_000)]
    public async Task Creator_and_joiner_reach_verified_with_the_same_safety_code()
    {
        var (cp, jp) = (new RoomProbe(), new RoomProbe());
        await using var creator = await RoomSession.CreateAsync(RoomProbe.Options(), cp.Sink, CancellationToken.None);
        var invitation = creator.Invitation!;
        Assert.Equal(RoomState.WaitingReply, creator.State);
        Assert.Matches("^[0-9]{4}$", invitation.Pin);
        Assert.Contains("<svg", invitation.InviteQrSvg);

        await using var joiner = await RoomSession.JoinAsync(invitation.Invite, invitation.Pin, RoomProbe.Options(), jp.Sink, CancellationToken.None);
        Assert.Equal(RoomState.WaitingCreator, joiner.State);
        // Nothing happens on the joiner's side until the creator takes the reply.
        await Task.Delay(500);
        Assert.Equal(RoomState.WaitingCreator, joiner.State);

        await creator.AcceptAsync(joiner.Reply!.Reply, CancellationToken.None);
        var cv = await cp.WaitStateAsync(RoomState.Verified);
        var jv = await jp.WaitStateAsync(RoomState.Verified);
        Assert.NotNull(cv.SafetyCode);
        Assert.Equal(cv.SafetyCode, jv.SafetyCode);
        Assert.Equal(creator.SafetyCode, joiner.SafetyCode);
        Assert.Equal(creator.RoomId, joiner.RoomId);
        Assert.Equal(
            [RoomState.WaitingCreator, RoomState.Connecting, RoomState.Authenticating, RoomState.Verified],
            jp.States.Select(s => s.To).ToArray());
        Assert.Equal(
            [RoomState.WaitingReply, RoomState.Connecting, RoomState.Authenticating, RoomState.Verified],
            cp.States.Select(s => s.To).ToArray());
        Assert.Null(creator.Invitation); // not shown again once verified
    }

    [Fact(Timeout = 90_000)]
    public async Task Wrong_pin_then_right_pin_on_the_same_invite_succeeds()
    {
        var cp = new RoomProbe();
        await using var creator = await RoomSession.CreateAsync(RoomProbe.Options(), cp.Sink, CancellationToken.None);
        var inv = creator.Invitation!;

        var jp1 = new RoomProbe();
        await using (var wrong = await RoomSession.JoinAsync(inv.Invite, WrongPin(inv.Pin), RoomProbe.Options(), jp1.Sink, CancellationToken.None))
        {
            await creator.AcceptAsync(wrong.Reply!.Reply, CancellationToken.None);
            var back = await cp.WaitAsync<RoomStateChanged>(s => s.To == RoomState.WaitingReply && s.From != RoomState.WaitingReply);
            Assert.Equal(RoomReasons.WrongPin, back.ReasonCode);
            Assert.Equal(1, back.FailedAttempts);
            var jf = await jp1.WaitStateAsync(RoomState.Failed);
            Assert.Equal(RoomReasons.WrongPin, jf.ReasonCode);
        }
        Assert.NotNull(creator.Invitation); // the popup can show invite + PIN again

        var jp2 = new RoomProbe();
        await using var right = await RoomSession.JoinAsync(inv.Invite, inv.Pin, RoomProbe.Options(), jp2.Sink, CancellationToken.None);
        await creator.AcceptAsync(right.Reply!.Reply, CancellationToken.None);
        var cv = await cp.WaitStateAsync(RoomState.Verified);
        var jv = await jp2.WaitStateAsync(RoomState.Verified);
        Assert.Equal(cv.SafetyCode, jv.SafetyCode);
        Assert.Equal(1, creator.FailedAttempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task Three_wrong_pins_burn_the_room()
    {
        var cp = new RoomProbe();
        await using var creator = await RoomSession.CreateAsync(RoomProbe.Options(), cp.Sink, CancellationToken.None);
        var inv = creator.Invitation!;
        for (var n = 1; n <= 3; n++)
        {
            var jp = new RoomProbe();
            await using var joiner = await RoomSession.JoinAsync(inv.Invite, WrongPin(inv.Pin), RoomProbe.Options(), jp.Sink, CancellationToken.None);
            // The next reply is taken at once: no waiting after a failed attempt.
            await creator.AcceptAsync(joiner.Reply!.Reply, CancellationToken.None);
            var after = await cp.WaitAsync<RoomStateChanged>(s => s.To is RoomState.WaitingReply or RoomState.Failed && s.From != s.To);
            Assert.Equal(n, after.FailedAttempts);
            if (n < 3)
            {
                Assert.Equal(RoomState.WaitingReply, after.To);
                Assert.Equal(RoomReasons.WrongPin, after.ReasonCode);
            }
            else
            {
                Assert.Equal(RoomState.Failed, after.To);
                Assert.Equal(RoomReasons.RoomBurned, after.ReasonCode);
            }
            Assert.Equal(RoomReasons.WrongPin, (await jp.WaitStateAsync(RoomState.Failed)).ReasonCode);
        }
        var late = await RoomSession.JoinAsync(inv.Invite, inv.Pin, RoomProbe.Options(), null, CancellationToken.None);
        await using (late)
        {
            var e = await Assert.ThrowsAsync<RoomException>(() => creator.AcceptAsync(late.Reply!.Reply, CancellationToken.None));
            Assert.Equal("room_burned", e.Code);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task An_expired_invite_is_refused_on_join_and_the_creator_fails_invite_expired()
    {
        var cp = new RoomProbe();
        await using var creator = await RoomSession.CreateAsync(RoomProbe.Options(TimeSpan.FromSeconds(10)), cp.Sink, CancellationToken.None);
        var inv = creator.Invitation!;
        var failed = await cp.WaitStateAsync(RoomState.Failed, seconds: 20);
        Assert.Equal(RoomReasons.InviteExpired, failed.ReasonCode);
        var e = await Assert.ThrowsAsync<CodeException>(() => RoomSession.JoinAsync(inv.Invite, inv.Pin, RoomProbe.Options(), null, CancellationToken.None));
        Assert.Equal("invite_expired", e.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Joiner_waiting_for_the_creator_fails_invite_expired_at_expiry()
    {
        await using var creator = await RoomSession.CreateAsync(RoomProbe.Options(TimeSpan.FromSeconds(10)), null, CancellationToken.None);
        var jp = new RoomProbe();
        await using var joiner = await RoomSession.JoinAsync(creator.Invitation!.Invite, creator.Invitation.Pin, RoomProbe.Options(), jp.Sink, CancellationToken.None);
        var failed = await jp.WaitStateAsync(RoomState.Failed, seconds: 20);
        Assert.Equal(RoomReasons.InviteExpired, failed.ReasonCode);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_corrupt_invite_is_refused_with_its_code()
    {
        var e = await Assert.ThrowsAsync<CodeException>(() => RoomSession.JoinAsync("SL1NOTANINVITE", "1234", RoomProbe.Options(), null, CancellationToken.None));
        Assert.Equal("invite_corrupt", e.Code);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reply_carrying_a_third_hosts_fingerprint_fails_on_both_sides()
    {
        var (cp, jp) = (new RoomProbe(), new RoomProbe());
        await using var creator = await RoomSession.CreateAsync(RoomProbe.Options(), cp.Sink, CancellationToken.None);
        var inv = creator.Invitation!;
        await using var joiner = await RoomSession.JoinAsync(inv.Invite, inv.Pin, RoomProbe.Options(), jp.Sink, CancellationToken.None);
        var reply = ReplyCode.Decode(joiner.Reply!.Reply, Convert.FromHexString(creator.RoomId));
        using var third = DtlsCertificate.Generate();
        var forged = reply with { DtlsSha256Fingerprint = Convert.FromHexString(third.Fingerprint.Value.Replace(":", "")) };
        await creator.AcceptAsync(ReplyCode.Encode(forged), CancellationToken.None);
        var cf = await cp.WaitStateAsync(RoomState.Failed);
        Assert.Equal(RoomReasons.FingerprintMismatch, cf.ReasonCode);
        var jf = await jp.WaitStateAsync(RoomState.Failed);
        Assert.Contains(jf.ReasonCode, new[] { RoomReasons.FingerprintMismatch, RoomReasons.WrongPin });
        Assert.DoesNotContain(cp.States, s => s.To == RoomState.Verified);
        Assert.DoesNotContain(jp.States, s => s.To == RoomState.Verified);
    }

    [Fact(Timeout = 60_000)]
    public async Task Messages_flow_both_ways_with_receipts_and_leave_tells_the_peer()
    {
        var (cp, jp) = (new RoomProbe(), new RoomProbe());
        var creator = await RoomSession.CreateAsync(RoomProbe.Options(), cp.Sink, CancellationToken.None);
        await using var joiner = await RoomSession.JoinAsync(creator.Invitation!.Invite, creator.Invitation.Pin, RoomProbe.Options(), jp.Sink, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<RoomException>(() => joiner.SendAsync("too early", CancellationToken.None));
        Assert.Equal("no_room", refused.Code);
        await creator.AcceptAsync(joiner.Reply!.Reply, CancellationToken.None);
        await cp.WaitStateAsync(RoomState.Verified);
        await jp.WaitStateAsync(RoomState.Verified);

        var id1 = await creator.SendAsync("hello from the creator", CancellationToken.None);
        Assert.Equal(id1, (await cp.WaitAsync<RoomMessageAdded>()).Message.MessageId); // the sender's own view
        var got1 = await jp.WaitAsync<RoomMessageAdded>();
        Assert.Equal("hello from the creator", got1.Message.Text);
        Assert.Equal(id1, got1.Message.MessageId);
        Assert.Equal(id1, (await cp.WaitAsync<RoomReceipt>()).MessageId);

        await joiner.SetTypingAsync(true, CancellationToken.None);
        Assert.True((await cp.WaitAsync<RoomPeerTyping>()).Typing);
        var id2 = await joiner.SendAsync("and back", CancellationToken.None);
        Assert.Equal("and back", (await cp.WaitAsync<RoomMessageAdded>(m => m.Message.MessageId == id2)).Message.Text);
        Assert.Equal(id2, (await jp.WaitAsync<RoomReceipt>()).MessageId);

        var tooLong = await Assert.ThrowsAsync<RoomException>(() => joiner.SendAsync(new string('x', 65_537), CancellationToken.None));
        Assert.Equal("message_too_long", tooLong.Code);

        await creator.LeaveAsync();
        Assert.Empty(creator.Snapshot().Messages);
        var closed = await jp.WaitStateAsync(RoomState.Closed);
        Assert.Equal(RoomReasons.PeerLeft, closed.ReasonCode);
        Assert.Equal(2, joiner.Snapshot().Messages.Count); // the peer keeps its view until it leaves
        var afterLeave = await Assert.ThrowsAsync<RoomException>(() => joiner.SendAsync("anyone?", CancellationToken.None));
        Assert.Equal("no_room", afterLeave.Code);
        await joiner.LeaveAsync();
        Assert.Empty(joiner.Snapshot().Messages);
    }

    [Fact(Timeout = 60_000)]
    public async Task Internet_mode_carries_the_stun_list_to_the_joiner_and_still_connects_directly()
    {
        // A loopback port nobody answers on: gathering gives up on it, host candidates remain.
        var stun = new[] { "127.0.0.1:9" };
        var options = new RoomOptions
        {
            Mode = ConnectMode.Internet, StunServers = stun, IncludeLoopback = true,
            AddressFilter = a => a.Equals(System.Net.IPAddress.Loopback),
        };
        var (cp, jp) = (new RoomProbe(), new RoomProbe());
        await using var creator = await RoomSession.CreateAsync(options, cp.Sink, CancellationToken.None);
        var invite = InviteCode.Decode(creator.Invitation!.Invite, DateTimeOffset.UtcNow);
        Assert.Equal(ConnectMode.Internet, invite.Mode);
        Assert.Equal(stun, invite.StunServers);
        await using var joiner = await RoomSession.JoinAsync(creator.Invitation.Invite, creator.Invitation.Pin, RoomProbe.Options(), jp.Sink, CancellationToken.None);
        Assert.Equal(ConnectMode.Internet, joiner.Mode);
        await creator.AcceptAsync(joiner.Reply!.Reply, CancellationToken.None);
        Assert.Equal((await cp.WaitStateAsync(RoomState.Verified)).SafetyCode, (await jp.WaitStateAsync(RoomState.Verified)).SafetyCode);
    }
}
