using System.Text.Json;

namespace SecureLink.Security.Tests.Support;

/// <summary>
/// Two real hosts in a verified room whose every packet passes through an <see cref="OnPathRelay"/>
/// (both codes were rewritten on their way to point at it). The hosts are the caller's, so a
/// later room between the same two processes can be opened through a fresh relay.
/// </summary>
internal sealed class RelayedRoom : IAsyncDisposable
{
    private readonly int _creatorEventsBefore;
    private readonly int _joinerEventsBefore;

    private RelayedRoom(HostPeer creator, HostPeer joiner, OnPathRelay relay, string pin, string roomId)
    {
        _creatorEventsBefore = creator.SeenEvents.Count;
        _joinerEventsBefore = joiner.SeenEvents.Count;
        Creator = creator;
        Joiner = joiner;
        Relay = relay;
        Pin = pin;
        RoomId = roomId;
    }

    public HostPeer Creator { get; }
    public HostPeer Joiner { get; }
    public OnPathRelay Relay { get; }
    public string Pin { get; }
    public string RoomId { get; }

    public static async Task<RelayedRoom> OpenAsync(HostPeer creator, HostPeer joiner, int pinDigits = 4)
    {
        var created = await creator.OkAsync("room.create", $"\"mode\":\"offline\",\"pinDigits\":{pinDigits}");
        var invite = created.GetProperty("invite").GetString()!;
        var pin = created.GetProperty("pin").GetString()!;
        var roomId = created.GetProperty("roomId").GetString()!;
        var relay = new OnPathRelay(CodeRewriter.CreatorEndPoint(invite));
        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{CodeRewriter.RedirectInvite(invite, relay.FacingJoiner)}\",\"pin\":\"{pin}\"");
        await creator.OkAsync("room.accept", $"\"reply\":\"{CodeRewriter.RedirectReply(joined.GetProperty("reply").GetString()!, roomId, relay.FacingCreator)}\"");
        var c = await creator.StateAsync("verified");
        var j = await joiner.StateAsync("verified");
        Assert.Equal(c.GetProperty("safetyCode").GetString(), j.GetProperty("safetyCode").GetString());
        Assert.NotNull(relay.Joiner); // every packet really went through the relay
        return new RelayedRoom(creator, joiner, relay, pin, roomId);
    }

    /// <summary>Sends <paramref name="text"/> and waits until the other host shows it and the sender has the receipt.</summary>
    public static async Task<string> DeliverAsync(HostPeer from, HostPeer to, string text)
    {
        var id = (await from.OkAsync("chat.send", $"\"text\":{JsonSerializer.Serialize(text)}")).GetProperty("messageId").GetString()!;
        var got = await to.EventAsync("chat.message", e => e.GetProperty("messageId").GetString() == id);
        Assert.Equal(text, got.GetProperty("text").GetString());
        await from.EventAsync("chat.receipt", e => e.GetProperty("messageId").GetString() == id);
        return id;
    }

    /// <summary>Both hosts still verified, and a message gets through each way.</summary>
    public async Task AssertAliveAsync(string tag)
    {
        foreach (var host in new[] { Creator, Joiner })
            Assert.Equal("verified", (await host.OkAsync("state.get")).GetProperty("room").GetProperty("state").GetString());
        await DeliverAsync(Creator, Joiner, $"alive-c-{tag}");
        await DeliverAsync(Joiner, Creator, $"alive-j-{tag}");
        foreach (var (host, before) in new[] { (Creator, _creatorEventsBefore), (Joiner, _joinerEventsBefore) })
            Assert.DoesNotContain(host.SeenEvents.Skip(before), e => e.GetProperty("event").GetString() == "room.state"
                && e.GetProperty("state").GetString() is "failed" or "closed");
    }

    /// <summary>How many chat.message events <paramref name="host"/> raised for <paramref name="messageId"/>.</summary>
    public static int Deliveries(HostPeer host, string messageId) =>
        host.SeenEvents.Count(e => e.GetProperty("event").GetString() == "chat.message" && e.GetProperty("messageId").GetString() == messageId);

    public ValueTask DisposeAsync() => Relay.DisposeAsync();
}
