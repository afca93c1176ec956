using System.Text;
using SecureLink.WebRtc.Sctp;

namespace SecureLink.WebRtc.DataChannels;

/// <summary>
/// A WebRTC data channel (RFC 8831): one SCTP stream id in both directions. Close resets our
/// outgoing stream (RE-CONFIG); the peer answers by resetting its own, and the channel is Closed
/// (ClosedEvent on both sides) once both directions are reset.
/// </summary>
public sealed class DataChannel
{
    private DataChannelManager? _manager;
    private SctpAssociation? _association;
    private const int MaxEarlyMessages = 1000;
    private readonly object _gate = new();
    private readonly object _deliveryGate = new();
    private readonly Queue<DataChannelMessage> _early = new();
    private Action<DataChannelMessage>? _messageReceived;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly BufferedAmountCounter _counter = new();
    private readonly SctpSendOptions _sendOptions, _sendOptionsBeforeAck;
    private bool _outgoingReset, _incomingReset, _resetStarted;
    private volatile bool _ackReceived;
    private volatile DataChannelState _state;

    internal DataChannel(DataChannelManager? manager, SctpAssociation? association, ushort id, string label, string protocol,
        bool ordered, int? maxRetransmits, int? maxPacketLifeTimeMs, bool negotiated, bool ackReceived)
    {
        _manager = manager;
        _association = association;
        Id = id;
        RequestedId = negotiated ? id : null;
        Label = label;
        Protocol = protocol;
        Ordered = ordered;
        MaxRetransmits = maxRetransmits;
        MaxPacketLifeTimeMs = maxPacketLifeTimeMs;
        Negotiated = negotiated;
        _ackReceived = ackReceived;
        _state = DataChannelState.Connecting;
        _sendOptions = new SctpSendOptions { Unordered = !ordered, MaxRetransmits = maxRetransmits, MaxPacketLifeTimeMs = maxPacketLifeTimeMs, Counter = _counter };
        // RFC 8832 §6: until the ACK arrives, send ordered so our messages cannot overtake the OPEN.
        _sendOptionsBeforeAck = new SctpSendOptions { Unordered = false, MaxRetransmits = maxRetransmits, MaxPacketLifeTimeMs = maxPacketLifeTimeMs, Counter = _counter };
    }

    /// <summary>
    /// A channel not yet on an association (state Connecting, Id 0 until attached), for APIs such as
    /// RTCPeerConnection.createDataChannel that hand out a channel before SCTP is up; pass it to
    /// <see cref="DataChannelManager.AttachAsync"/> once the association exists.
    /// </summary>
    public static DataChannel CreateUnattached(string label, DataChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        options ??= new DataChannelOptions();
        DataChannelManager.Validate(options);
        var channel = new DataChannel(null, null, options.Id ?? 0, label, options.Protocol, options.Ordered, options.MaxRetransmits,
            options.MaxPacketLifeTimeMs, options.Negotiated, ackReceived: options.Negotiated);
        channel.RequestedId = options.Id;
        return channel;
    }

    /// <summary>The stream id; for an unattached channel without a requested id, 0 until attached.</summary>
    public ushort Id { get; private set; }

    internal ushort? RequestedId { get; private set; }
    internal bool IsAttached => _association is not null;

    internal void Attach(DataChannelManager manager, SctpAssociation association, ushort id)
    {
        _manager = manager;
        _association = association;
        Id = id;
    }
    public string Label { get; }
    public string Protocol { get; }
    public bool Ordered { get; }
    public int? MaxRetransmits { get; }
    public int? MaxPacketLifeTimeMs { get; }
    public bool Negotiated { get; }
    public DataChannelState State => _state;

    public event Action? Opened;
    /// <summary>A message arrived. Messages that arrive before the first handler is attached are kept
    /// (up to 1,000) and handed to it when it subscribes, in order, so nothing is lost to a subscription race.</summary>
    public event Action<DataChannelMessage>? MessageReceived
    {
        add
        {
            lock (_deliveryGate)
            {
                _messageReceived += value;
                // Replayed under the lock so a message the dispatcher delivers meanwhile waits its turn.
                while (_early.Count > 0) value?.Invoke(_early.Dequeue());
            }
        }
        remove
        {
            lock (_deliveryGate) _messageReceived -= value;
        }
    }

    /// <summary>Raised once when the channel is Closed (named so to avoid clashing with <see cref="State"/>).</summary>
    public event Action? ClosedEvent;

    /// <summary>Bytes handed to SendAsync and not yet acknowledged by the peer.</summary>
    public long BufferedAmount => _counter.Value;

    /// <summary>Sends text (PPID 51; an empty string goes as PPID 56 with one zero byte, RFC 8831 §6.6).</summary>
    public Task SendAsync(string text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? SendRawAsync(Ppid.StringEmpty, new byte[1], ct) : SendRawAsync(Ppid.String, Encoding.UTF8.GetBytes(text), ct);
    }

    /// <summary>Sends binary data (PPID 53; empty as PPID 57 with one zero byte).</summary>
    public Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        data.Length == 0 ? SendRawAsync(Ppid.BinaryEmpty, new byte[1], ct) : SendRawAsync(Ppid.Binary, data, ct);

    private Task SendRawAsync(uint ppid, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        if (_state != DataChannelState.Open || _association is null)
            throw new InvalidOperationException($"The data channel is {_state}; only an open channel can send.");
        return _association.SendAsync(Id, ppid, payload, _ackReceived ? _sendOptions : _sendOptionsBeforeAck, ct);
    }

    /// <summary>Closes the channel: resets our outgoing stream and waits until the peer has reset its own.</summary>
    public async Task CloseAsync(CancellationToken ct = default)
    {
        StartClosing();
        await _closed.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    internal void SetOpen()
    {
        lock (_gate)
        {
            if (_state != DataChannelState.Connecting) return;
            _state = DataChannelState.Open;
        }
        Opened?.Invoke();
    }

    internal void OnAck() => _ackReceived = true;

    internal void OnMessage(DataChannelMessage message)
    {
        if (_state == DataChannelState.Closed) return;
        lock (_deliveryGate)
        {
            if (_messageReceived is { } handler)
            {
                handler(message);
                return;
            }
            if (_early.Count < MaxEarlyMessages) _early.Enqueue(message);
        }
    }

    internal void OnIncomingReset()
    {
        lock (_gate) _incomingReset = true;
        StartClosing();
        CompleteIfBothReset();
    }

    private void StartClosing()
    {
        lock (_gate)
        {
            if (_state == DataChannelState.Closed || _resetStarted) return;
            _resetStarted = true;
            _state = DataChannelState.Closing;
        }
        _ = ResetOutgoingAsync();
    }

    private async Task ResetOutgoingAsync()
    {
        bool ok;
        try
        {
            // Never attached: nothing on the wire to reset.
            ok = _association is not null && await _association.ResetStreamAsync(Id).ConfigureAwait(false);
        }
        catch (Exception)
        {
            ok = false;
        }
        lock (_gate) _outgoingReset = true;
        // A peer that cannot or will not reset leaves us nothing to wait for.
        if (!ok)
        {
            MarkClosed();
            return;
        }
        CompleteIfBothReset();
        // RFC 8831 §6.7 says the peer resets back; one that never does must not hang CloseAsync forever.
        try
        {
            await _closed.Task.WaitAsync(IncomingResetGrace, _manager?.Stopping ?? CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            MarkClosed();
        }
    }

    private static readonly TimeSpan IncomingResetGrace = TimeSpan.FromSeconds(3);

    private void CompleteIfBothReset()
    {
        lock (_gate)
        {
            if (!_outgoingReset || !_incomingReset) return;
        }
        MarkClosed();
    }

    internal void MarkClosed()
    {
        lock (_gate)
        {
            if (_state == DataChannelState.Closed) return;
            _state = DataChannelState.Closed;
        }
        _manager?.Forget(this);
        _closed.TrySetResult();
        ClosedEvent?.Invoke();
    }
}
