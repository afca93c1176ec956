using System.Diagnostics;
using SecureLink.Rooms.Codes;

namespace SecureLink.Network.Bed;

/// <summary>A room between two hosts as the codes describe it, with the moments that matter for timing.</summary>
public sealed record Room(string Invite, string Pin, string Reply, InviteRecord InviteRecord, ReplyRecord ReplyRecord, long AcceptedAt)
{
    public IReadOnlyList<CodeCandidate> CreatorCandidates => InviteRecord.Candidates;
    public IReadOnlyList<CodeCandidate> JoinerCandidates => ReplyRecord.Candidates;
}

/// <summary>The protocol steps of DESIGN §3 driven on two <see cref="NetHost"/>s.</summary>
public static class RoomFlow
{
    /// <summary>create → join → accept; returns once room.accept is answered (progress follows as events).</summary>
    public static async Task<Room> StartAsync(NetHost creator, NetHost joiner, string createFields = "\"mode\":\"offline\"")
    {
        var created = await creator.OkAsync("room.create", createFields);
        var invite = created.GetProperty("invite").GetString()!;
        var pin = created.GetProperty("pin").GetString()!;
        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{invite}\",\"pin\":\"{pin}\"");
        var reply = joined.GetProperty("reply").GetString()!;
        var inviteRecord = InviteCode.Decode(invite, DateTimeOffset.UtcNow);
        var replyRecord = ReplyCode.Decode(reply, inviteRecord.RoomId);
        var accepting = Stopwatch.GetTimestamp();
        await creator.OkAsync("room.accept", $"\"reply\":\"{reply}\"");
        return new Room(invite, pin, reply, inviteRecord, replyRecord, accepting);
    }

    /// <summary>The whole flow to Verified on both sides; returns the room and the creator's time from accept to verified.</summary>
    public static async Task<(Room Room, TimeSpan Setup)> VerifyAsync(NetHost creator, NetHost joiner, string createFields = "\"mode\":\"offline\"", double seconds = 40)
    {
        var room = await StartAsync(creator, joiner, createFields);
        var verified = await creator.StateAsync("verified", seconds);
        await joiner.StateAsync("verified", seconds);
        return (room, Stopwatch.GetElapsedTime(room.AcceptedAt, verified.At));
    }

    /// <summary>Sends one message and waits for the peer to show it and for our receipt; returns the send → shown time.</summary>
    public static async Task<(string MessageId, TimeSpan Latency)> ChatAsync(NetHost from, NetHost to, string text, double seconds = 40)
    {
        var start = Stopwatch.GetTimestamp();
        var id = (await from.OkAsync("chat.send", $"\"text\":\"{text}\"")).GetProperty("messageId").GetString()!;
        var shown = await to.EventAsync("chat.message", e => e.Str("messageId") == id, seconds);
        if (shown.Str("text") != text) throw new InvalidOperationException($"the peer showed different text for {id}");
        await from.EventAsync("chat.receipt", e => e.Str("messageId") == id, seconds);
        return (id, Stopwatch.GetElapsedTime(start, shown.At));
    }
}
