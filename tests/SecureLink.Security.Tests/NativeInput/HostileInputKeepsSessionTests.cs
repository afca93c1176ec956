using System.Text;
using SecureLink.Security.Tests.Support;
using Xunit.Abstractions;

namespace SecureLink.Security.Tests.NativeInput;

/// <summary>
/// Hostile native-messaging input while a room is live. tests/SecureLink.Host.Tests already holds
/// each error code to its input on an idle host; what is new here is the session: every request
/// type with wrong field types, missing fields, huge strings, deep nesting, invalid UTF-8 and
/// broken framing is thrown at a host in a verified room with messages, and afterwards the room,
/// its history and the chat both ways must be exactly as before.
/// </summary>
public sealed class HostileInputKeepsSessionTests(ITestOutputHelper output)
{
    private static readonly string[] Types =
    [
        "hello", "state.get", "room.create", "room.join", "room.accept", "room.leave", "chat.send", "chat.typing",
        "chat.history", "qr.decode", "call.start", "call.accept", "call.decline", "call.hangup", "call.mute",
    ];

    private static readonly string[] Fields = ["protocol", "mode", "stunServers", "pinDigits", "expiresInSeconds", "invite", "pin", "reply",
        "text", "typing", "beforeMessageId", "limit", "imageBase64", "muted"];

    [AttackFact]
    public async Task A_live_room_survives_every_malformed_request_and_frame_with_its_history_intact()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\"");
        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{created.GetProperty("invite").GetString()}\",\"pin\":\"{created.GetProperty("pin").GetString()}\"");
        await creator.OkAsync("room.accept", $"\"reply\":\"{joined.GetProperty("reply").GetString()}\"");
        await creator.StateAsync("verified");
        await joiner.StateAsync("verified");
        var before = new[]
        {
            await RelayedRoom.DeliverAsync(joiner, creator, "before-1"),
            await RelayedRoom.DeliverAsync(creator, joiner, "before-2"),
        };
        var snapshot = await joiner.OkAsync("state.get");

        var wrongValues = new[] { "null", "true", "1.5", "-1", "\"\"", "[]", "{}", "\"" + new string('x', 200_000) + "\"", "99999999999999999999" };
        var answered = 0;
        var codes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in Types)
        {
            // Bare (missing fields), then every field with every wrong kind of value. room.leave
            // and room.create/join with valid-looking values would act; wrong values must not.
            // Requests without fields act (that is their job); only their hostile forms are sent.
            if (type is "room.leave" or "call.start" or "call.accept" or "call.decline" or "call.hangup") continue;
            answered += Count(codes, await joiner.RequestAsync(type));
            foreach (var field in Fields)
                foreach (var value in wrongValues)
                {
                    answered += Count(codes, await joiner.RequestAsync(type, $"\"{field}\":{value}"));
                }
        }
        // Frames refused before any request is read (answered with id null): deep nesting,
        // duplicate keys, invalid UTF-8 (also an encoded lone surrogate), not JSON, not an object, empty.
        foreach (var payload in new[] { Encoding.UTF8.GetBytes("{\"id\":1,\"type\":\"chat.send\",\"deep\":" + new string('[', 5000) + new string(']', 5000) + "}"),
            "{\"id\":1,\"type\":\"chat.send\",\"text\":\"a\",\"text\":\"b\"}"u8.ToArray(), new byte[] { 0x7B, 0xC3, 0x28, 0x7D }, "{\"id\":1,\"type\":\"chat.send\",\"text\":\"\\uD800\"}"u8.ToArray(), [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D], "not json"u8.ToArray(), "[1]"u8.ToArray(), Array.Empty<byte>() })
        {
            await joiner.Process.SendAsync(payload);
            answered++;
        }
        await joiner.Process.SendRawAsync([.. Frames.Header(1_048_577), .. new byte[1_048_577]]);
        output.WriteLine($"{answered} hostile requests answered: {string.Join(", ", codes.Select(kv => $"{kv.Key} {kv.Value}"))}");
        Assert.DoesNotContain("host_error", codes.Keys);

        // The session is exactly as it was, and still talks both ways.
        var now = await joiner.OkAsync("state.get");
        Assert.Equal(snapshot.GetProperty("room").GetRawText(), now.GetProperty("room").GetRawText());
        Assert.Equal(snapshot.GetProperty("messages").GetRawText(), now.GetProperty("messages").GetRawText());
        var after = await RelayedRoom.DeliverAsync(joiner, creator, "after-1");
        await RelayedRoom.DeliverAsync(creator, joiner, "after-2");
        var history = (await joiner.OkAsync("state.get")).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageId").GetString()).ToList();
        Assert.Equal([.. before, after], history.Take(3));
        Assert.Equal(4, history.Count);
    }

    private static int Count(SortedDictionary<string, int> codes, System.Text.Json.JsonElement response)
    {
        var code = response.GetProperty("ok").GetBoolean() ? "ok" : response.GetProperty("error").GetProperty("code").GetString()!;
        codes[code] = codes.GetValueOrDefault(code) + 1;
        return 1;
    }
}
