using System.Collections.Concurrent;
using SecureLink.Rooms.Chat;

namespace SecureLink.Rooms.Tests.Chat;

/// <summary>Two chat sessions wired through an in-memory link, recording every event.</summary>
internal sealed class ChatPair : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public ChatPair(ChatHistory? historyA = null, ChatHistory? historyB = null)
    {
        (LinkA, LinkB) = InMemoryChatChannel.CreatePair();
        A = new ChatSession(LinkA, TimeA, historyA);
        B = new ChatSession(LinkB, TimeB, historyB);
        Record(A, EventsA);
        Record(B, EventsB);
    }

    public ManualTimeProvider TimeA { get; } = new();
    public ManualTimeProvider TimeB { get; } = new();
    public InMemoryChatChannel LinkA { get; }
    public InMemoryChatChannel LinkB { get; }
    public ChatSession A { get; }
    public ChatSession B { get; }
    public Events EventsA { get; } = new();
    public Events EventsB { get; } = new();

    public sealed class Events
    {
        public ConcurrentQueue<ChatMessage> Added { get; } = new();
        public ConcurrentQueue<string> Receipts { get; } = new();
        public ConcurrentQueue<bool> Typing { get; } = new();
        public ConcurrentQueue<string> Rejected { get; } = new();
        public ConcurrentQueue<ChatFrameKind> CallSignals { get; } = new();
        public List<ChatMessage> FromPeer => [.. Added.Where(m => m.From == ChatSender.Peer)];
    }

    /// <summary>Waits (polling, bounded) until the condition holds; fails the test on timeout.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Xunit.Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(2);
        }
    }

    public async ValueTask DisposeAsync()
    {
        A.Dispose();
        B.Dispose();
        await LinkA.DisposeAsync();
        await LinkB.DisposeAsync();
    }

    private static void Record(ChatSession s, Events e)
    {
        s.MessageAdded += e.Added.Enqueue;
        s.ReceiptReceived += e.Receipts.Enqueue;
        s.PeerTypingChanged += e.Typing.Enqueue;
        s.FrameRejected += e.Rejected.Enqueue;
        s.CallSignalReceived += f => e.CallSignals.Enqueue(f.Kind);
    }
}
