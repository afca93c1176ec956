using System.Text.Json;

namespace SecureLink.Host.Tests.Rooms;

/// <summary>
/// Two real host processes, driven over native messaging frames as two browsers would, complete
/// a room: create → join → accept → verified → chat both ways with receipts → leave. Run under
/// tests/tools/isolated.sh: the hosts gather on every interface of the namespace.
/// </summary>
public sealed class RoomProcessTests
{
    private const string CreatorText = "TEXT-creator-5b1e-never-logged";
    private const string JoinerText = "TEXT-joiner-77c2-never-logged";

    [Fact(Timeout = 120_000)]
    public async Task Two_hosts_complete_a_room_chat_both_ways_and_leave_without_logging_text_or_pin()
    {
        await using var creator = new HostPeer("trace");
        await using var joiner = new HostPeer("trace");

        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\",\"pinDigits\":6");
        var invite = created.GetProperty("invite").GetString()!;
        var pin = created.GetProperty("pin").GetString()!;
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.Contains("<svg", created.GetProperty("inviteQrSvg").GetString());
        Assert.EndsWith("Z", created.GetProperty("expiresAt").GetString());
        await creator.StateAsync("waiting-reply");

        // The popup reopens: state.get shows the invite and PIN again while waiting.
        var waiting = (await creator.OkAsync("state.get")).GetProperty("room");
        Assert.Equal("waiting-reply", waiting.GetProperty("state").GetString());
        Assert.Equal(invite, waiting.GetProperty("invite").GetString());
        Assert.Equal(pin, waiting.GetProperty("pin").GetString());

        var busy = await creator.RequestAsync("room.create", "\"mode\":\"offline\"");
        Assert.Equal("busy", busy.GetProperty("error").GetProperty("code").GetString());

        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{invite}\",\"pin\":\"{pin}\"");
        var reply = joined.GetProperty("reply").GetString()!;
        await joiner.StateAsync("waiting-creator");
        var early = await joiner.RequestAsync("chat.send", "\"text\":\"x\"");
        Assert.Equal("no_room", early.GetProperty("error").GetProperty("code").GetString());

        await creator.OkAsync("room.accept", $"\"reply\":\"{reply}\"");
        await joiner.StateAsync("connecting");
        var cv = await creator.StateAsync("verified");
        var jv = await joiner.StateAsync("verified");
        var safety = cv.GetProperty("safetyCode").GetString();
        Assert.False(string.IsNullOrEmpty(safety));
        Assert.Equal(safety, jv.GetProperty("safetyCode").GetString());

        var sent = await creator.OkAsync("chat.send", $"\"text\":\"{CreatorText}\"");
        var id1 = sent.GetProperty("messageId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id1);
        var mine = await creator.EventAsync("chat.message");
        Assert.Equal("me", mine.GetProperty("from").GetString());
        var theirs = await joiner.EventAsync("chat.message");
        Assert.Equal("peer", theirs.GetProperty("from").GetString());
        Assert.Equal(CreatorText, theirs.GetProperty("text").GetString());
        Assert.Equal(id1, theirs.GetProperty("messageId").GetString());
        Assert.Equal(id1, (await creator.EventAsync("chat.receipt")).GetProperty("messageId").GetString());

        await joiner.OkAsync("chat.typing", "\"typing\":true");
        Assert.True((await creator.EventAsync("chat.typing")).GetProperty("typing").GetBoolean());
        var id2 = (await joiner.OkAsync("chat.send", $"\"text\":\"{JoinerText}\"")).GetProperty("messageId").GetString();
        Assert.Equal(JoinerText, (await creator.EventAsync("chat.message", e => e.GetProperty("messageId").GetString() == id2)).GetProperty("text").GetString());
        var receipt = await joiner.EventAsync("chat.receipt");
        Assert.Equal(id2, receipt.GetProperty("messageId").GetString());
        Assert.Equal("delivered", receipt.GetProperty("status").GetString());

        var snap = await creator.OkAsync("state.get");
        Assert.Equal("verified", snap.GetProperty("room").GetProperty("state").GetString());
        Assert.False(snap.GetProperty("room").TryGetProperty("pin", out _)); // not shown once verified
        Assert.Equal(2, snap.GetProperty("messages").GetArrayLength());
        Assert.Equal("delivered", snap.GetProperty("messages")[0].GetProperty("status").GetString());
        var page = await creator.OkAsync("chat.history", $"\"beforeMessageId\":\"{id2}\"");
        Assert.Equal(id1, page.GetProperty("messages")[0].GetProperty("messageId").GetString());
        Assert.False(page.GetProperty("hasOlder").GetBoolean());

        await joiner.OkAsync("room.leave");
        var left = await joiner.OkAsync("state.get");
        Assert.Equal(JsonValueKind.Null, left.GetProperty("room").ValueKind);
        Assert.Equal(0, left.GetProperty("messages").GetArrayLength());
        var closed = await creator.StateAsync("closed");
        Assert.Equal("peer_left", closed.GetProperty("reasonCode").GetString());
        var kept = await creator.OkAsync("state.get");
        Assert.Equal("closed", kept.GetProperty("room").GetProperty("state").GetString());
        Assert.Equal(2, kept.GetProperty("messages").GetArrayLength()); // the peer keeps its view

        var (c1, creatorErr) = await creator.ExitAsync();
        var (c2, joinerErr) = await joiner.ExitAsync();
        Assert.Equal(0, c1);
        Assert.Equal(0, c2);
        Assert.Contains("room", creatorErr); // logging really was on
        foreach (var stderr in new[] { creatorErr, joinerErr })
        {
            Assert.DoesNotContain("TEXT-", stderr);
            Assert.DoesNotContain(pin, stderr);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Room_requests_name_their_errors()
    {
        await using var host = new HostPeer();
        Assert.Equal("no_room", Code(await host.RequestAsync("room.accept", "\"reply\":\"SLR123\"")));
        Assert.Equal("no_room", Code(await host.RequestAsync("chat.send", "\"text\":\"hi\"")));
        Assert.Equal("missing_field", Code(await host.RequestAsync("room.create")));
        Assert.Equal("wrong_type", Code(await host.RequestAsync("room.create", "\"mode\":\"carrier-pigeon\"")));
        Assert.Equal("wrong_type", Code(await host.RequestAsync("room.create", "\"mode\":\"offline\",\"pinDigits\":3")));
        Assert.Equal("missing_field", Code(await host.RequestAsync("room.create", "\"mode\":\"internet\"")));
        Assert.Equal("invite_corrupt", Code(await host.RequestAsync("room.join", "\"invite\":\"SL1AAAA\",\"pin\":\"1234\"")));
        Assert.Equal("wrong_type", Code(await host.RequestAsync("room.join", "\"invite\":\"SL1AAAA\",\"pin\":\"12a4\"")));
        Assert.Equal("image_unreadable", Code(await host.RequestAsync("qr.decode", "\"imageBase64\":\"not base64!\"")));
        Assert.Equal("image_unreadable", Code(await host.RequestAsync("qr.decode", "\"imageBase64\":\"AAAA\"")));
        Assert.Equal("no_room", Code(await host.RequestAsync("room.leave")));

        var created = await host.OkAsync("room.create", "\"mode\":\"offline\"");
        var foreign = await host.RequestAsync("room.accept", $"\"reply\":\"{created.GetProperty("invite").GetString()}\"");
        Assert.StartsWith("invite_", Code(foreign));
        await host.OkAsync("room.leave");
        Assert.Equal(JsonValueKind.Null, (await host.OkAsync("state.get")).GetProperty("room").ValueKind);
    }

    /// <summary>Builds a verified pair of hosts.</summary>
    private static async Task VerifyAsync(HostPeer creator, HostPeer joiner)
    {
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var joined = await joiner.OkAsync("room.join",
            $"\"invite\":\"{created.GetProperty("invite").GetString()}\",\"pin\":\"{created.GetProperty("pin").GetString()}\"");
        await creator.OkAsync("room.accept", $"\"reply\":\"{joined.GetProperty("reply").GetString()}\"");
        await creator.StateAsync("verified");
        await joiner.StateAsync("verified");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_host_whose_browser_went_away_leaves_properly_and_the_peer_sees_peer_left()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        await VerifyAsync(creator, joiner);
        var (code, _) = await joiner.ExitAsync(); // stdin closed: wipe and exit
        Assert.Equal(0, code);
        Assert.Equal("peer_left", (await creator.StateAsync("closed")).GetProperty("reasonCode").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_peer_that_vanishes_is_reported_unreachable_after_consent_runs_out()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        await VerifyAsync(creator, joiner);
        joiner.Process.SendSignal("KILL"); // no close_notify, no shutdown: just silence
        var failed = await creator.StateAsync("failed", seconds: 60);
        Assert.Equal("peer_unreachable", failed.GetProperty("reasonCode").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_wrong_pin_sends_the_creator_back_to_waiting_reply_and_the_next_reply_is_taken_at_once()
    {
        await using var creator = new HostPeer();
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var invite = created.GetProperty("invite").GetString();
        var pin = created.GetProperty("pin").GetString()!;
        var wrongPin = pin == "0000" ? "1111" : "0000";
        await using (var wrong = new HostPeer())
        {
            var joined = await wrong.OkAsync("room.join", $"\"invite\":\"{invite}\",\"pin\":\"{wrongPin}\"");
            await creator.OkAsync("room.accept", $"\"reply\":\"{joined.GetProperty("reply").GetString()}\"");
            var back = await creator.EventAsync("room.state", e => e.GetProperty("state").GetString() == "waiting-reply" && e.TryGetProperty("reasonCode", out _));
            Assert.Equal("wrong_pin", back.GetProperty("reasonCode").GetString());
            Assert.Equal(1, back.GetProperty("failedAttempts").GetInt32());
            Assert.Equal("wrong_pin", (await wrong.StateAsync("failed")).GetProperty("reasonCode").GetString());
        }
        var room = (await creator.OkAsync("state.get")).GetProperty("room");
        Assert.Equal(pin, room.GetProperty("pin").GetString());
        Assert.Equal(1, room.GetProperty("failedAttempts").GetInt32());

        await using var right = new HostPeer();
        var reply = (await right.OkAsync("room.join", $"\"invite\":\"{invite}\",\"pin\":\"{pin}\"")).GetProperty("reply").GetString();
        await creator.OkAsync("room.accept", $"\"reply\":\"{reply}\"");
        Assert.Equal((await creator.StateAsync("verified")).GetProperty("safetyCode").GetString(),
            (await right.StateAsync("verified")).GetProperty("safetyCode").GetString());
    }

    private static string Code(JsonElement response) => response.GetProperty("error").GetProperty("code").GetString()!;
}
