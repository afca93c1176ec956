using System.Collections.Concurrent;
using SecureLink.Rooms.Chat;
using SecureLink.WebRtc.Transport;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

/// <summary>At the most verbose level the chat logs sizes, codes and id prefixes: never text, never a whole id.</summary>
public class ChatLoggingTests
{
    private sealed class RecordingLog : ILog
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public bool IsEnabled(LogLevel level) => true;
        public void Write(LogLevel level, string category, string message) => Lines.Enqueue($"{level} {category} {message}");
    }

    [Fact]
    public async Task Debug_logging_never_shows_message_text_or_whole_ids()
    {
        var log = new RecordingLog();
        var (la, lb) = InMemoryChatChannel.CreatePair();
        using var a = new ChatSession(la, new ManualTimeProvider(), log: log);
        using var b = new ChatSession(lb, new ManualTimeProvider(), log: log);
        b.MessageAdded += _ => throw new InvalidOperationException("secret-in-exception");
        const string secret = "the treasure is under the oak";
        var id = await a.SendAsync(secret);
        await a.SendAsync(secret + " again");
        la.Inject([1, 9, 0]);
        await ChatPair.Eventually(() => a.History.Find(id)!.Status == ChatMessageStatus.Delivered && a.FramesRejected == 1, "receipt and a rejected frame");
        la.LinkUp = false;
        await a.ResendUndeliveredAsync();
        lb.Inject(ChatWire.EncodeMessage(Convert.FromHexString(id), 1, "x"u8)); // a resend b already holds: logged as a duplicate
        await ChatPair.Eventually(() => b.DuplicatesReceived == 1, "the duplicate at b");

        var all = string.Join("\n", log.Lines);
        Assert.NotEmpty(log.Lines);
        Assert.Contains(id[..4], all);                  // prefixes are allowed, and used
        Assert.DoesNotContain(id, all);
        Assert.DoesNotContain("treasure", all);
        Assert.DoesNotContain("secret-in-exception", all);
        Assert.Contains("unknown_kind", all);
        await la.DisposeAsync();
        await lb.DisposeAsync();
    }
}
