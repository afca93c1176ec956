using System.Reflection;
using SecureLink.Rooms.Session;
using SecureLink.Security.Tests.Support;
using Xunit.Abstractions;

namespace SecureLink.Security.Tests.ManInTheMiddle;

/// <summary>
/// Someone who carries the codes between the two people (the chat app they were pasted into, a
/// compromised phone showing the QR code) swaps them for its own, against two real hosts:
/// without the PIN the PIN check fails on both sides; with the PIN both checks pass but the two
/// people see different safety codes; and relaying the PIN check between two DTLS sessions of
/// its own fails because each side's confirmation binds the certificate fingerprints it saw.
/// </summary>
public sealed class ManInTheMiddleTests(ITestOutputHelper output)
{
    [AttackFact]
    public async Task A_middle_without_the_pin_who_swaps_both_codes_fails_the_pin_check_on_both_sides()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var pin = created.GetProperty("pin").GetString()!;

        // Towards the joiner: the middle's own room (its own PIN, not the one said aloud).
        await using var middleAsCreator = await RoomSession.CreateAsync(new RoomOptions { AddressFilter = a => a.Equals(TestNet.A) }, null, CancellationToken.None);
        // Towards the creator: a join with a guess (the real PIN is what it lacks).
        var probe = new Attacker.Probe();
        var guess = Attacker.WrongPins(pin).First();
        await using var middleAsJoiner = await RoomSession.JoinAsync(created.GetProperty("invite").GetString()!, guess, Attacker.From(TestNet.A), probe.Sink, CancellationToken.None);

        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{middleAsCreator.Invitation!.Invite}\",\"pin\":\"{pin}\"");
        await middleAsCreator.AcceptAsync(joined.GetProperty("reply").GetString()!, CancellationToken.None);
        await creator.OkAsync("room.accept", $"\"reply\":\"{middleAsJoiner.Reply!.Reply}\"");

        Assert.Equal("wrong_pin", (await joiner.StateAsync("failed")).GetProperty("reasonCode").GetString());
        var back = await creator.EventAsync("room.state", e => e.GetProperty("state").GetString() == "waiting-reply" && e.TryGetProperty("reasonCode", out _));
        Assert.Equal("wrong_pin", back.GetProperty("reasonCode").GetString());
        Assert.Equal(1, back.GetProperty("failedAttempts").GetInt32()); // the swap cost the attacker a counted guess
        Assert.DoesNotContain(creator.SeenEvents.Concat(joiner.SeenEvents), e => e.GetProperty("event").GetString() == "room.state" && e.GetProperty("state").GetString() == "verified");
    }

    [AttackFact]
    public async Task A_middle_who_knows_the_pin_passes_both_checks_but_the_two_people_see_different_safety_codes()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var pin = created.GetProperty("pin").GetString()!;

        // The middle overheard the PIN and runs two rooms of its own, one per victim, both with it.
        var towardsJoiner = new Attacker.Probe();
        await using var middleAsCreator = await RoomSession.CreateAsync(new RoomOptions { AddressFilter = a => a.Equals(TestNet.A) }, towardsJoiner.Sink, CancellationToken.None);
        UsePin(middleAsCreator, pin);
        var towardsCreator = new Attacker.Probe();
        await using var middleAsJoiner = await RoomSession.JoinAsync(created.GetProperty("invite").GetString()!, pin, Attacker.From(TestNet.A), towardsCreator.Sink, CancellationToken.None);

        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{middleAsCreator.Invitation!.Invite}\",\"pin\":\"{pin}\"");
        await middleAsCreator.AcceptAsync(joined.GetProperty("reply").GetString()!, CancellationToken.None);
        await creator.OkAsync("room.accept", $"\"reply\":\"{middleAsJoiner.Reply!.Reply}\"");

        var creatorCode = (await creator.StateAsync("verified")).GetProperty("safetyCode").GetString()!;
        var joinerCode = (await joiner.StateAsync("verified")).GetProperty("safetyCode").GetString()!;
        await towardsCreator.WaitStateAsync(RoomState.Verified);
        await towardsJoiner.WaitStateAsync(RoomState.Verified);
        output.WriteLine($"creator's screen: {creatorCode}; joiner's screen: {joinerCode}");
        // Each person shares a code with the middle, not with each other: read aloud, they differ.
        Assert.Equal(creatorCode, middleAsJoiner.SafetyCode);
        Assert.Equal(joinerCode, middleAsCreator.SafetyCode);
        Assert.NotEqual(creatorCode, joinerCode);
        // And from each side's own view (state.get, what a reopened popup shows):
        Assert.Equal(creatorCode, (await creator.OkAsync("state.get")).GetProperty("room").GetProperty("safetyCode").GetString());
        Assert.Equal(joinerCode, (await joiner.OkAsync("state.get")).GetProperty("room").GetProperty("safetyCode").GetString());
    }

    [AttackFact]
    public async Task A_middle_relaying_the_pin_check_between_its_own_dtls_sessions_fails_because_the_fingerprints_are_bound()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var pin = created.GetProperty("pin").GetString()!;
        await using var middle = await CodeSwapMiddle.StartAsync(created.GetProperty("invite").GetString()!, created.GetProperty("roomId").GetString()!);

        // The joiner types the right PIN; the middle needs none: it only forwards.
        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{middle.InviteForJoiner}\",\"pin\":\"{pin}\"");
        await middle.TakeJoinerReplyAsync(joined.GetProperty("reply").GetString()!);
        await creator.OkAsync("room.accept", $"\"reply\":\"{middle.ReplyForCreator}\"");

        Assert.Equal("wrong_pin", (await joiner.StateAsync("failed")).GetProperty("reasonCode").GetString());
        var back = await creator.EventAsync("room.state", e => e.GetProperty("state").GetString() == "waiting-reply" && e.TryGetProperty("reasonCode", out _));
        Assert.Equal("wrong_pin", back.GetProperty("reasonCode").GetString());
        output.WriteLine($"the middle forwarded {middle.Forwarded} PIN-check messages untouched; both sides: wrong_pin");
        Assert.True(middle.Forwarded >= 5, $"the middle forwarded only {middle.Forwarded} messages: the relay did not run the check");
        Assert.DoesNotContain(creator.SeenEvents.Concat(joiner.SeenEvents), e => e.GetProperty("event").GetString() == "room.state" && e.GetProperty("state").GetString() == "verified");
    }

    [AttackFact]
    public async Task A_relay_that_swaps_only_the_fingerprint_in_the_reply_is_refused_by_dtls()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var roomId = created.GetProperty("roomId").GetString()!;
        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{created.GetProperty("invite").GetString()}\",\"pin\":\"{created.GetProperty("pin").GetString()}\"");
        using var third = SecureLink.WebRtc.Dtls.DtlsCertificate.Generate();
        var forged = SecureLink.Rooms.Codes.ReplyCode.Encode(CodeRewriter.Reply(joined.GetProperty("reply").GetString()!, roomId) with
        {
            DtlsSha256Fingerprint = Convert.FromHexString(third.Fingerprint.Value.Replace(":", "", StringComparison.Ordinal)),
        });
        await creator.OkAsync("room.accept", $"\"reply\":\"{forged}\"");
        Assert.Equal("fingerprint_mismatch", (await creator.StateAsync("failed")).GetProperty("reasonCode").GetString());
        Assert.Equal("failed", (await joiner.StateAsync("failed")).GetProperty("state").GetString());
    }

    /// <summary>The middle runs its own modified copy of SecureLink: its room uses the overheard PIN.</summary>
    private static void UsePin(RoomSession room, string pin) =>
        typeof(RoomSession).GetField("_pin", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(room, pin.ToCharArray());
}
