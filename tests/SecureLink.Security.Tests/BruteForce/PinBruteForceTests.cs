using System.Diagnostics;
using System.Text.Json;
using SecureLink.Rooms.Session;
using SecureLink.Security.Tests.Support;
using Xunit.Abstractions;

namespace SecureLink.Security.Tests.BruteForce;

/// <summary>
/// PIN brute force against a real creator host. The attacker has the invite (it saw the QR code)
/// but not the PIN (said aloud), and runs its own copy of SecureLink from several addresses,
/// trying PINs as fast as the creator takes replies. We assume the worst of the creator: it
/// accepts every reply it is handed at once. The room must burn after 3 wrong PINs whatever
/// the attacker's address, and no attempt may cost the creator more than one connection.
/// </summary>
public sealed class PinBruteForceTests(ITestOutputHelper output)
{
    [AttackFact]
    public async Task Attackers_from_many_addresses_burn_the_room_after_three_guesses_and_never_get_a_fourth()
    {
        await using var creator = new HostPeer("info");
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var invite = created.GetProperty("invite").GetString()!;
        var pin = created.GetProperty("pin").GetString()!;
        await creator.StateAsync("waiting-reply");
        var baselinePorts = HostSockets.UdpPorts(creator.Process.Pid);
        Assert.NotEmpty(baselinePorts);

        using var addresses = new ExtraAddresses(4);
        using var sampler = new SocketSampler(creator.Process.Pid);
        var guesses = Attacker.WrongPins(pin).GetEnumerator();
        var attackers = new List<RoomSession>();
        var clock = Stopwatch.StartNew();
        try
        {
            var outcomes = new List<string>();
            for (var wave = 0; wave < 3; wave++)
            {
                // One joiner per address, each with its own wrong guess, all handed to the creator at once.
                // The host takes requests in order, so the first reply of a wave wins it; rotating the
                // order makes each wave's counted guess come from a different address.
                var replies = new List<string>();
                foreach (var address in addresses.Addresses.Skip(wave).Concat(addresses.Addresses.Take(wave)))
                {
                    guesses.MoveNext();
                    var joiner = await RoomSession.JoinAsync(invite, guesses.Current, Attacker.From(address), null, CancellationToken.None);
                    attackers.Add(joiner);
                    replies.Add(joiner.Reply!.Reply);
                }
                var answers = await Task.WhenAll(replies.Select(r => creator.RequestAsync("room.accept", $"\"reply\":\"{r}\"")));
                var accepted = answers.Count(a => a.GetProperty("ok").GetBoolean());
                // A creator checks one reply at a time: the others are told "busy", and cost nothing.
                Assert.Equal(1, accepted);
                Assert.All(answers.Where(a => !a.GetProperty("ok").GetBoolean()), a => Assert.Equal("busy", Code(a)));
                var after = await creator.EventAsync("room.state", e =>
                    e.TryGetProperty("failedAttempts", out var n) && n.GetInt32() == wave + 1 && e.GetProperty("state").GetString() is "waiting-reply" or "failed");
                outcomes.Add($"{after.GetProperty("state").GetString()}/{after.GetProperty("reasonCode").GetString()}");
            }
            Assert.Equal(["waiting-reply/wrong_pin", "waiting-reply/wrong_pin", "failed/room_burned"], outcomes);
            output.WriteLine($"3 wrong PINs from {addresses.Addresses.Count} addresses burned the room in {clock.Elapsed.TotalSeconds:0.0} s");

            // Burned means burned: more wrong guesses and even the right PIN are refused without a connection.
            foreach (var (address, guess) in new[] { (addresses.Addresses[0], guesses.Current), (addresses.Addresses[1], pin) })
            {
                var late = await RoomSession.JoinAsync(invite, guess, Attacker.From(address), null, CancellationToken.None);
                attackers.Add(late);
                Assert.Equal("room_burned", Code(await creator.RequestAsync("room.accept", $"\"reply\":\"{late.Reply!.Reply}\"")));
            }
            var room = (await creator.OkAsync("state.get")).GetProperty("room");
            Assert.Equal("failed", room.GetProperty("state").GetString());
            Assert.Equal(3, room.GetProperty("failedAttempts").GetInt32());
            Assert.False(room.TryGetProperty("pin", out _));
        }
        finally
        {
            foreach (var a in attackers) await a.DisposeAsync();
        }

        // One connection at a time: a connection is one UDP socket per local address (the invite's
        // own ports again, plus one for each attacker address added to this namespace after the
        // room was made), so a flood of replies can never make the creator hold two.
        var oneConnection = baselinePorts.Count + addresses.Addresses.Count;
        output.WriteLine($"creator UDP sockets: {baselinePorts.Count} at create, max {sampler.Max} during the attack (one connection = {oneConnection}), {sampler.Samples} samples");
        Assert.True(sampler.Samples > 10, "the socket sampler did not run");
        Assert.InRange(sampler.Max, 1, oneConnection);
        Assert.Subset(sampler.PortsSeen.ToHashSet(), baselinePorts.ToHashSet());

        // The attempts really came from the attacker addresses.
        var (code, stderr) = await creator.ExitAsync();
        Assert.Equal(0, code);
        var fromAttackers = addresses.Addresses.Count(a => stderr.Contains($"-> {a}:", StringComparison.Ordinal));
        Assert.True(fromAttackers == 3, $"ICE pairs to attacker addresses: {fromAttackers}\n{stderr}");
    }

    [AttackFact]
    public async Task A_guess_that_hangs_up_before_confirming_costs_no_attempt_but_learns_nothing()
    {
        // The cheap-looking shortcut: connect, run the PIN check to the point where a key would
        // exist, then vanish. The creator sends nothing keyed before the joiner confirms, so the
        // attacker gains no test of its guess; the attempt is not counted either way (a timeout).
        // Here the "attacker" simply leaves as soon as it is authenticating.
        await using var creator = new HostPeer();
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var invite = created.GetProperty("invite").GetString()!;
        var pin = created.GetProperty("pin").GetString()!;
        var probe = new Attacker.Probe();
        var joiner = await RoomSession.JoinAsync(invite, Attacker.WrongPins(pin).First(), Attacker.From(TestNet.B), probe.Sink, CancellationToken.None);
        await creator.OkAsync("room.accept", $"\"reply\":\"{joiner.Reply!.Reply}\"");
        await probe.WaitStateAsync(RoomState.Authenticating);
        await joiner.DisposeAsync();
        var back = await creator.EventAsync("room.state", e => e.GetProperty("state").GetString() == "waiting-reply" && e.TryGetProperty("reasonCode", out _), seconds: 60);
        // Either the check had already completed (wrong_pin, counted) or the attacker left first
        // (host_error, not counted); never a verified room, never a free test of the guess.
        var reason = back.GetProperty("reasonCode").GetString();
        Assert.Contains(reason, new[] { "wrong_pin", "host_error" });
        Assert.DoesNotContain(probe.States, s => s.To == RoomState.Verified);
        output.WriteLine($"attacker hung up: creator back to waiting-reply with {reason}");
    }

    private static string Code(JsonElement response) => response.GetProperty("error").GetProperty("code").GetString()!;
}
