using System.Threading.Channels;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.WebRtc.Tests.Infrastructure;

/// <summary>Collects what a data channel receives so a test can await the next message with a timeout.</summary>
public sealed class MessageInbox
{
    private readonly Channel<DataChannelMessage> _messages = Channel.CreateUnbounded<DataChannelMessage>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MessageInbox(DataChannel channel)
    {
        channel.MessageReceived += m => _messages.Writer.TryWrite(m);
        channel.ClosedEvent += () => _closed.TrySetResult();
    }

    public Task Closed => _closed.Task;

    public async Task<DataChannelMessage> NextAsync(CancellationToken ct) => await _messages.Reader.ReadAsync(ct);

    public async Task<List<DataChannelMessage>> NextAsync(int count, CancellationToken ct)
    {
        var list = new List<DataChannelMessage>(count);
        for (var i = 0; i < count; i++) list.Add(await _messages.Reader.ReadAsync(ct));
        return list;
    }
}

/// <summary>Timeouts for async tests: every wait in this project is bounded.</summary>
public static class Bounded
{
    public static CancellationTokenSource Timeout(int seconds = 45) => new(TimeSpan.FromSeconds(seconds));

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
