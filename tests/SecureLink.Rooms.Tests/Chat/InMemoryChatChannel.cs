using System.Threading.Channels;
using SecureLink.Rooms.Chat;

namespace SecureLink.Rooms.Tests.Chat;

/// <summary>
/// One end of an in-memory, ordered, reliable link (what an SCTP data channel gives the
/// chat). Frames are copied on send and delivered by a pump task, one at a time, like the
/// data channel's receive loop. <see cref="LinkUp"/> false drops what is sent (a link
/// that died before the peer got it); <see cref="FailSends"/> makes sends throw.
/// </summary>
internal sealed class InMemoryChatChannel : IChatChannel, IAsyncDisposable
{
    private readonly Channel<byte[]> _inbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private InMemoryChatChannel? _peer;
    private long _sent;

    private InMemoryChatChannel() => _pump = Task.Run(PumpAsync);

    public event Action<ReadOnlyMemory<byte>>? FrameReceived;

    public volatile bool LinkUp = true;
    public volatile bool FailSends;

    /// <summary>Frames this end put on the link (dropped ones included).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public static (InMemoryChatChannel A, InMemoryChatChannel B) CreatePair()
    {
        var a = new InMemoryChatChannel();
        var b = new InMemoryChatChannel();
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (FailSends)
            throw new IOException("link failed");
        Interlocked.Increment(ref _sent);
        if (LinkUp)
            _peer!._inbox.Writer.TryWrite(frame.ToArray());
        return Task.CompletedTask;
    }

    /// <summary>Puts raw bytes on the link toward this end, as if the peer had sent them.</summary>
    public void Inject(byte[] frame) => _inbox.Writer.TryWrite(frame);

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        await foreach (var frame in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
            FrameReceived?.Invoke(frame);
    }
}
