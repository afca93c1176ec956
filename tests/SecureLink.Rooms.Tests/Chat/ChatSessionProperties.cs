using FsCheck;
using FsCheck.Xunit;
using SecureLink.Rooms.Chat;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

/// <summary>Whatever mix of good, repeated and broken frames a peer sends, the session neither throws nor miscounts.</summary>
public class ChatSessionProperties
{
    /// <summary>Records what the session sends; sends complete at once.</summary>
    private sealed class RecordingChannel : IChatChannel
    {
        public int Sent;
        public event Action<ReadOnlyMemory<byte>>? FrameReceived;
        public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
        {
            Interlocked.Increment(ref Sent);
            return Task.CompletedTask;
        }
        public void Deliver(byte[] frame) => FrameReceived?.Invoke(frame);
    }

    [Property(MaxTest = 300)]
    public void Any_frame_sequence_keeps_the_session_consistent(NonNegativeInt seed)
    {
        var rng = new Random(seed.Get);
        var channel = new RecordingChannel();
        using var session = new ChatSession(channel, new ManualTimeProvider());
        var shown = 0;
        session.MessageAdded += _ => shown++;
        var ids = Enumerable.Range(0, 5).Select(_ => MessageId.NewBytes()).ToArray();
        var distinct = new HashSet<string>();
        int messages = 0, bad = 0;
        for (var i = rng.Next(1, 60); i > 0; i--)
        {
            byte[] frame;
            switch (rng.Next(5))
            {
                case 0:
                    var id = ids[rng.Next(ids.Length)];
                    frame = ChatWire.EncodeMessage(id, rng.Next(), "ok"u8);
                    distinct.Add(MessageId.ToHex(id));
                    messages++;
                    break;
                case 1: frame = ChatWire.EncodeReceipt(ids[rng.Next(ids.Length)]); break;
                case 2: frame = ChatWire.EncodeTyping(rng.Next(2) == 1); break;
                default:
                    frame = new byte[rng.Next(0, 40)];
                    rng.NextBytes(frame);
                    if (frame.Length > 0) frame[0] = 1;
                    bool decodes;
                    try { ChatWire.Decode(frame); decodes = true; }
                    catch (ChatWireException) { decodes = false; }
                    if (decodes) continue; // random bytes that happen to be a valid frame: skip, to keep the count exact
                    bad++;
                    break;
            }
            channel.Deliver(frame);
        }
        Assert.Equal(distinct.Count, shown);
        Assert.Equal(distinct.Count, session.History.Count);
        Assert.Equal(messages - distinct.Count, session.DuplicatesReceived);
        Assert.Equal(bad, session.FramesRejected);
        SpinWait.SpinUntil(() => Volatile.Read(ref channel.Sent) == messages, TimeSpan.FromSeconds(20));
        Assert.Equal(messages, Volatile.Read(ref channel.Sent)); // every message receipted, duplicates too
        Assert.Equal(0, session.SendFailures);
    }
}
