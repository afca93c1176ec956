using System.Text.Json;
using SecureLink.Host.Tests.Rooms;

namespace SecureLink.Nearby.Tests;

/// <summary>
/// Nearby rooms between two real hosts on a LAN of two network namespaces (see <see cref="Lan"/>),
/// with tcpdump on the bridge between them: a visible room is found and joined with the PIN
/// alone, then disappears; an ordinary offline room sends not one mDNS packet.
/// </summary>
public sealed class NearbyLanTests
{
    private const string MdnsFilter = "udp port 5353 or host 224.0.0.251";

    /// <summary>The real built host inside <paramref name="ns"/>, with debug logs so the privacy checks read everything it logs.</summary>
    private static HostPeer HostIn(string ns) => new(log: "debug", launcher: ["ip", "netns", "exec", ns]);

    /// <summary>Browses and returns the final (done) list.</summary>
    private static async Task<JsonElement> BrowseAsync(HostPeer peer, int seconds)
    {
        await peer.OkAsync("nearby.browse", $"\"seconds\":{seconds}");
        return (await peer.EventAsync("nearby.rooms", e => e.GetProperty("done").GetBoolean(), seconds + 10)).GetProperty("rooms");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_visible_room_is_found_joined_with_only_the_pin_verified_and_then_gone()
    {
        using var lan = new Lan();
        await using var dump = await Tcpdump.StartAsync(lan.Bridge, MdnsFilter);
        await using var a = HostIn(lan.A);
        await using var b = HostIn(lan.B);

        var created = await a.OkAsync("room.create", "\"mode\":\"offline\",\"visible\":true");
        var label = created.GetProperty("nearbyLabel").GetString()!;
        var pin = created.GetProperty("pin").GetString()!;
        Assert.Matches("^[A-Z][a-z]+ [A-Z][a-z]+$", label);
        var status = await a.OkAsync("nearby.status");
        Assert.True(status.GetProperty("visible").GetBoolean());
        Assert.Equal(label, status.GetProperty("label").GetString());

        var rooms = await BrowseAsync(b, 3);
        var found = Assert.Single(rooms.EnumerateArray());
        Assert.Equal(label, found.GetProperty("label").GetString());
        Assert.Equal(created.GetProperty("invite").GetString(), found.GetProperty("invite").GetString());
        Assert.Equal(created.GetProperty("expiresAt").GetString(), found.GetProperty("expiresAt").GetString());

        // B knows only what the network showed and the PIN said aloud; nobody calls room.accept.
        await b.OkAsync("room.join", $"\"invite\":\"{found.GetProperty("invite").GetString()}\",\"pin\":\"{pin}\"");
        var av = await a.StateAsync("verified");
        var bv = await b.StateAsync("verified");
        Assert.Equal(av.GetProperty("safetyCode").GetString(), bv.GetProperty("safetyCode").GetString());

        Assert.False((await a.OkAsync("nearby.status")).GetProperty("advertising").GetBoolean());
        Assert.Empty((await BrowseAsync(b, 2)).EnumerateArray());

        var text = "hello over the nearby room";
        await b.OkAsync("chat.send", $"\"text\":\"{text}\"");
        Assert.Equal(text, (await a.EventAsync("chat.message", e => e.GetProperty("from").GetString() == "peer")).GetProperty("text").GetString());

        var packets = Tcpdump.Packets(await dump.StopAsync());
        // The creator's announcements and answers, the joiner's reply announcements, the goodbyes, the queries: all there was.
        Assert.NotEmpty(packets);
        Assert.All(packets, p => Assert.Matches(@"100\.64\.77\.[12]\.5353 > 224\.0\.0\.251\.5353", p));
        Assert.Contains(packets, p => p.Contains("PTR " + label + "._securelink._udp.local", StringComparison.Ordinal));
        Assert.DoesNotContain(packets, p => p.Contains(" A ", StringComparison.Ordinal) || p.Contains("SRV", StringComparison.Ordinal));
        var (_, stderrA) = await a.ExitAsync();
        Assert.DoesNotContain(pin, stderrA);
        Assert.DoesNotContain(text, stderrA);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_browse_running_when_the_creator_leaves_sees_the_room_go_at_once()
    {
        using var lan = new Lan();
        await using var a = HostIn(lan.A);
        await using var b = HostIn(lan.B);
        var label = (await a.OkAsync("room.create", "\"mode\":\"offline\",\"visible\":true")).GetProperty("nearbyLabel").GetString();

        await b.OkAsync("nearby.browse", "\"seconds\":10");
        await b.EventAsync("nearby.rooms", e => e.GetProperty("rooms").EnumerateArray().Any(r => r.GetProperty("label").GetString() == label));
        await a.OkAsync("room.leave");
        // The goodbye (TTL 0) removes it well before the browse ends or any TTL runs out.
        var gone = await b.EventAsync("nearby.rooms", e => e.GetProperty("rooms").GetArrayLength() == 0, seconds: 5);
        Assert.False(gone.GetProperty("done").GetBoolean());
    }

    [Fact(Timeout = 120_000)]
    public async Task An_offline_room_that_is_not_visible_sends_no_mdns_at_all()
    {
        using var lan = new Lan();
        await using var dump = await Tcpdump.StartAsync(lan.Bridge, MdnsFilter);
        await using var everything = await Tcpdump.StartAsync(lan.Bridge, "udp");
        await using var a = HostIn(lan.A);
        await using var b = HostIn(lan.B);

        var created = await a.OkAsync("room.create", "\"mode\":\"offline\"");
        Assert.False(created.TryGetProperty("nearbyLabel", out _));
        Assert.False((await a.OkAsync("nearby.status")).GetProperty("visible").GetBoolean());
        var joined = await b.OkAsync("room.join", $"\"invite\":\"{created.GetProperty("invite").GetString()}\",\"pin\":\"{created.GetProperty("pin").GetString()}\"");
        await a.OkAsync("room.accept", $"\"reply\":\"{joined.GetProperty("reply").GetString()}\"");
        await a.StateAsync("verified");
        await b.StateAsync("verified");
        await a.OkAsync("room.leave");
        await b.StateAsync("closed");
        await Task.Delay(1000);

        Assert.Empty(Tcpdump.Packets(await dump.StopAsync()));
        // The capture works: the room's own UDP (ICE, DTLS, SCTP) crossed the same bridge.
        Assert.NotEmpty(Tcpdump.Packets(await everything.StopAsync()));
    }
}
