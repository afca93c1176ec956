using System.Threading.Channels;
using SecureLink.Rooms.Pake;

namespace SecureLink.Rooms.Pake.Tests.Support;

/// <summary>One end of an in-memory, ordered, reliable message pipe; records what it sent.</summary>
internal sealed class MemoryChannel : IPakeChannel
{
    private readonly ChannelWriter<byte[]> _out;
    private readonly ChannelReader<byte[]> _in;
    private readonly List<byte[]> _sent = [];

    private MemoryChannel(ChannelWriter<byte[]> output, ChannelReader<byte[]> input)
    {
        _out = output;
        _in = input;
    }

    public static (MemoryChannel A, MemoryChannel B) Pair()
    {
        var ab = Channel.CreateUnbounded<byte[]>();
        var ba = Channel.CreateUnbounded<byte[]>();
        return (new MemoryChannel(ab.Writer, ba.Reader), new MemoryChannel(ba.Writer, ab.Reader));
    }

    /// <summary>Copies of every message sent from this end, in order.</summary>
    public IReadOnlyList<byte[]> Sent { get { lock (_sent) return _sent.ToList(); } }

    public async Task SendAsync(byte[] message, CancellationToken ct)
    {
        lock (_sent) _sent.Add((byte[])message.Clone());
        await _out.WriteAsync((byte[])message.Clone(), ct);
    }

    public async Task<byte[]> ReceiveAsync(CancellationToken ct) => await _in.ReadAsync(ct);

    /// <summary>Lets a test inject a message as if the peer had sent it.</summary>
    public ValueTask InjectToPeerAsync(byte[] message) => _out.WriteAsync(message);

    public void Close() => _out.TryComplete();
}

/// <summary>
/// Wraps a channel and rewrites outgoing messages: the function gets the index of the message
/// (0 = round 1, 1 = round 2, 2 = confirmation, ...) and its bytes, and returns what to send instead.
/// </summary>
internal sealed class TamperingChannel(IPakeChannel inner, Func<int, byte[], IEnumerable<byte[]>> rewrite) : IPakeChannel
{
    private int _index;

    public async Task SendAsync(byte[] message, CancellationToken ct)
    {
        foreach (var m in rewrite(_index++, message)) await inner.SendAsync(m, ct);
    }

    public Task<byte[]> ReceiveAsync(CancellationToken ct) => inner.ReceiveAsync(ct);
}

/// <summary>A channel whose receive never completes and ignores cancellation (a stuck transport).</summary>
internal sealed class DeafChannel : IPakeChannel
{
    public Task SendAsync(byte[] message, CancellationToken ct) => Task.CompletedTask;

    public Task<byte[]> ReceiveAsync(CancellationToken ct) => new TaskCompletionSource<byte[]>().Task;
}
