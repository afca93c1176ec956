using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using SecureLink.Rooms.Chat;

namespace SecureLink.Benchmarks.Chat;

/// <summary>
/// The chat's own costs: (1) binary frame encode+decode against System.Text.Json serialising
/// and parsing the same message as JSON (the obvious alternative wire format), measured in
/// the same run so the headline is a ratio; (2) messages per second through two sessions over
/// an in-memory ordered link, each message stored, receipted and marked delivered.
/// </summary>
public sealed class ChatBenchmark : IBenchmark
{
    private const int CodecRuns = 200_000;
    private const int SessionMessages = 20_000;

    public string Name => "chat";
    public string Description => "chat frame encode+decode vs System.Text.Json for the same message; session messages/s with receipts";

    private sealed record JsonMessage(string MessageId, long SentAt, string Text);

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var text = "A typical chat line, about a hundred bytes long, with an emoji 👋 and some accents: é à ü ß.";
        var utf8 = ChatText.EncodeForSending(text);
        var id = MessageId.NewBytes();
        var hex = MessageId.ToHex(id);

        var binary = Time(() =>
        {
            var frame = ChatWire.EncodeMessage(id, 1_764_612_000_000, utf8);
            var m = (ChatMessageFrame)ChatWire.Decode(frame);
            return m.Text.Length;
        });
        var json = Time(() =>
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new JsonMessage(hex, 1_764_612_000_000, text));
            return JsonSerializer.Deserialize<JsonMessage>(bytes)!.Text.Length;
        });
        var frameSize = ChatWire.EncodeMessage(id, 0, utf8).Length;
        var jsonSize = JsonSerializer.SerializeToUtf8Bytes(new JsonMessage(hex, 1_764_612_000_000, text)).Length;
        output.WriteLine($"codec: binary {binary:F0} ns/msg ({frameSize} B), JSON {json:F0} ns/msg ({jsonSize} B): binary is {json / binary:F1}x faster, {(double)jsonSize / frameSize:F2}x smaller");

        var (a, b) = Link.CreatePair();
        using var sa = new ChatSession(a);
        using var sb = new ChatSession(b);
        var receipts = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sa.ReceiptReceived += _ =>
        {
            if (Interlocked.Increment(ref receipts) == SessionMessages)
                done.TrySetResult();
        };
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < SessionMessages; i++)
            await sa.SendAsync(text, cancellationToken);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        var seconds = sw.Elapsed.TotalSeconds;
        output.WriteLine($"session: {SessionMessages} messages sent, stored, receipted and marked delivered in {seconds * 1000:F0} ms = {SessionMessages / seconds:F0} msg/s; history memory {sa.History.MemoryBytes / 1024} KiB per side");
        a.Complete();
        b.Complete();
    }

    private static double Time(Func<int> op)
    {
        for (var i = 0; i < 10_000; i++) op();   // warm-up
        var sw = Stopwatch.StartNew();
        var sink = 0;
        for (var i = 0; i < CodecRuns; i++) sink += op();
        GC.KeepAlive(sink);
        return sw.Elapsed.TotalNanoseconds / CodecRuns;
    }

    /// <summary>In-memory ordered link, one pump per direction (as the data channel's receive loop).</summary>
    private sealed class Link : IChatChannel
    {
        private readonly Channel<byte[]> _inbox = Channel.CreateUnbounded<byte[]>();
        private Link? _peer;

        public event Action<ReadOnlyMemory<byte>>? FrameReceived;

        public static (Link, Link) CreatePair()
        {
            var a = new Link();
            var b = new Link();
            (a._peer, b._peer) = (b, a);
            _ = Task.Run(a.PumpAsync);
            _ = Task.Run(b.PumpAsync);
            return (a, b);
        }

        public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
        {
            _peer!._inbox.Writer.TryWrite(frame.ToArray());
            return Task.CompletedTask;
        }

        public void Complete() => _inbox.Writer.TryComplete();

        private async Task PumpAsync()
        {
            await foreach (var f in _inbox.Reader.ReadAllAsync())
                FrameReceived?.Invoke(f);
        }
    }
}
