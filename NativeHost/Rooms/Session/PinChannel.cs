using System.Threading.Channels;
using SecureLink.Rooms.Pake;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.Rooms.Session;

/// <summary>
/// The room's control channel: binary messages are PIN-check messages (<see cref="IPakeChannel"/>),
/// and once verified the one text message <c>"leave"</c> says the peer is leaving. A closed
/// channel ends pending receives, so the PIN check fails instead of waiting for its timeout.
/// </summary>
internal sealed class PinChannel : IPakeChannel, IDisposable
{
    public const string Label = "securelink-pin";
    private const string LeaveText = "leave";
    private const int MaxQueued = 16;

    private readonly DataChannel _channel;
    private readonly Channel<byte[]> _inbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropWrite });

    public PinChannel(DataChannel channel)
    {
        _channel = channel;
        _channel.MessageReceived += OnMessage;
        _channel.ClosedEvent += OnClosed;
    }

    /// <summary>The peer said it is leaving.</summary>
    public event Action? PeerLeaving;

    public Task SendAsync(byte[] message, CancellationToken ct) => _channel.SendAsync(message, ct);

    public async Task<byte[]> ReceiveAsync(CancellationToken ct)
    {
        try
        {
            return await _inbox.Reader.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException("The PIN channel closed.", e);
        }
    }

    public Task SendLeaveAsync(CancellationToken ct) => _channel.SendAsync(LeaveText, ct);

    public void Dispose()
    {
        _channel.MessageReceived -= OnMessage;
        _channel.ClosedEvent -= OnClosed;
        _inbox.Writer.TryComplete();
    }

    private void OnMessage(DataChannelMessage message)
    {
        if (message.IsText)
        {
            if (message.Text == LeaveText) PeerLeaving?.Invoke();
            return;
        }
        _inbox.Writer.TryWrite(message.Data);
    }

    private void OnClosed() => _inbox.Writer.TryComplete();
}
