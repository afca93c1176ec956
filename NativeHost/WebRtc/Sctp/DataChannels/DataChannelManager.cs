using SecureLink.WebRtc.Sctp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.DataChannels;

/// <summary>
/// DCEP (RFC 8832) over one association: opens channels (DATA_CHANNEL_OPEN / ACK on PPID 50),
/// routes messages by stream id, and turns stream resets into channel closes. Stream ids are even
/// for the DTLS client and odd for the DTLS server (RFC 8832 §6), so both sides can open at once.
/// Events are raised on the association's single dispatch task, in arrival order.
/// </summary>
public sealed class DataChannelManager : IAsyncDisposable, ISctpReceiver
{
    private const string Category = "datachannel";
    private readonly SctpAssociation _association;
    private readonly bool _isDtlsClient;
    private readonly ILog _log;
    private readonly Dictionary<ushort, DataChannel> _channels = [];
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private bool _closed;
    private int _started;
    private Action<DataChannel>? _channelOpened;

    public DataChannelManager(SctpAssociation association, bool isDtlsClient, ILog? log = null)
    {
        _association = association ?? throw new ArgumentNullException(nameof(association));
        _isDtlsClient = isDtlsClient;
        _log = log ?? NullLog.Instance;
    }

    /// <summary>A channel the REMOTE opened; it is already Open. Raised on the association's dispatch task:
    /// subscribe to the channel's MessageReceived inside the handler to see its first message.</summary>
    /// <remarks>Delivery from the association starts when the first handler is attached (or at the first
    /// <see cref="CreateChannelAsync"/>, or <see cref="Start"/>): a peer's DATA_CHANNEL_OPEN often arrives
    /// with the handshake, before the caller has had a chance to subscribe.</remarks>
    public event Action<DataChannel>? ChannelOpened
    {
        add
        {
            lock (_gate) _channelOpened += value;
            Start();
        }
        remove
        {
            lock (_gate) _channelOpened -= value;
        }
    }

    /// <summary>Starts taking messages from the association (idempotent).</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0) _association.StartReceiving(this);
    }

    public IReadOnlyCollection<DataChannel> Channels
    {
        get { lock (_gate) return _channels.Values.ToList(); }
    }

    /// <summary>Messages that arrived for a stream with no channel (counted, dropped).</summary>
    public long UnroutedMessages { get; private set; }

    /// <summary>Opens a channel: sends DATA_CHANNEL_OPEN (unless negotiated) and returns it Open at once,
    /// since RFC 8832 lets the opener send before the ACK. Opened has fired by the time this returns.</summary>
    public async Task<DataChannel> CreateChannelAsync(string label, DataChannelOptions? options = null, CancellationToken ct = default)
    {
        var channel = DataChannel.CreateUnattached(label, options);
        await AttachAsync(channel, ct).ConfigureAwait(false);
        return channel;
    }

    /// <summary>Puts a channel made by <see cref="DataChannel.CreateUnattached"/> on this association: picks its
    /// stream id (unless one was requested), sends DATA_CHANNEL_OPEN unless negotiated, and opens it (Opened fires).</summary>
    public async Task AttachAsync(DataChannel channel, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Start();
        lock (_gate)
        {
            if (_closed) throw new InvalidOperationException("The association is closed.");
            if (channel.IsAttached) throw new InvalidOperationException("The channel is already attached.");
            if (channel.State != DataChannelState.Connecting) throw new InvalidOperationException($"The channel is {channel.State}.");
            var id = channel.RequestedId ?? AllocateId();
            if (_channels.ContainsKey(id)) throw new InvalidOperationException($"Stream id {id} is in use.");
            channel.Attach(this, _association, id);
            _channels[id] = channel;
        }
        if (!channel.Negotiated)
        {
            var open = new DcepOpen(DcepOpen.TypeFor(channel.Ordered, channel.MaxRetransmits, channel.MaxPacketLifeTimeMs), 0,
                (uint)(channel.MaxRetransmits ?? channel.MaxPacketLifeTimeMs ?? 0), channel.Label, channel.Protocol);
            try
            {
                await _association.SendAsync(channel.Id, Ppid.Dcep, open.ToArray(), SctpSendOptions.Reliable, ct).ConfigureAwait(false);
            }
            catch
            {
                Forget(channel);
                throw;
            }
        }
        channel.SetOpen();
        Log(LogLevel.Debug, $"opened channel {channel.Id}");
    }

    internal static void Validate(DataChannelOptions options)
    {
        if (options.MaxRetransmits is not null && options.MaxPacketLifeTimeMs is not null)
            throw new ArgumentException("A channel can limit retransmits or lifetime, not both.", nameof(options));
        if (options.MaxRetransmits < 0 || options.MaxPacketLifeTimeMs < 0)
            throw new ArgumentException("Retransmit and lifetime limits cannot be negative.", nameof(options));
        if (options.Negotiated && options.Id is null) throw new ArgumentException("A negotiated channel needs an id.", nameof(options));
        if (options.Id == 65535) throw new ArgumentException("Stream id 65535 is reserved.", nameof(options));
    }

    private ushort AllocateId()
    {
        for (int id = _isDtlsClient ? 0 : 1; id < 65535; id += 2)
        {
            if (!_channels.ContainsKey((ushort)id)) return (ushort)id;
        }
        throw new InvalidOperationException("No free stream id.");
    }

    internal void Forget(DataChannel channel)
    {
        lock (_gate)
        {
            if (_channels.TryGetValue(channel.Id, out var c) && ReferenceEquals(c, channel)) _channels.Remove(channel.Id);
        }
    }

    void ISctpReceiver.OnMessage(ushort streamId, uint ppid, byte[] data)
    {
        DataChannel? channel;
        lock (_gate) _channels.TryGetValue(streamId, out channel);
        if (ppid == Ppid.Dcep)
        {
            OnDcep(streamId, channel, data);
            return;
        }
        if (channel is null)
        {
            UnroutedMessages++;
            return;
        }
        var message = ppid switch
        {
            Ppid.String or Ppid.StringPartial => new DataChannelMessage(true, data),
            Ppid.StringEmpty => new DataChannelMessage(true, []),
            Ppid.BinaryEmpty => new DataChannelMessage(false, []),
            _ => new DataChannelMessage(false, data),
        };
        channel.OnMessage(message);
    }

    private void OnDcep(ushort streamId, DataChannel? existing, byte[] data)
    {
        if (data.Length == 1 && data[0] == DcepAck.MessageType)
        {
            existing?.OnAck();
            return;
        }
        var open = DcepOpen.TryParse(data);
        if (open is null)
        {
            Log(LogLevel.Info, $"malformed DCEP message on stream {streamId} dropped");
            return;
        }
        if (existing is not null)
        {
            Log(LogLevel.Info, $"DATA_CHANNEL_OPEN for stream {streamId}, which is in use, ignored");
            return;
        }
        DataChannel channel;
        lock (_gate)
        {
            if (_closed) return;
            channel = new DataChannel(this, _association, streamId, open.Label, open.Protocol, open.Ordered, open.MaxRetransmits,
                open.MaxPacketLifeTimeMs, negotiated: false, ackReceived: true);
            _channels[streamId] = channel;
        }
        _ = SendAckAsync(streamId);
        channel.SetOpen();
        Log(LogLevel.Debug, $"remote opened channel {streamId}");
        Action<DataChannel>? handler;
        lock (_gate) handler = _channelOpened;
        handler?.Invoke(channel);
    }

    private async Task SendAckAsync(ushort streamId)
    {
        try
        {
            await _association.SendAsync(streamId, Ppid.Dcep, DcepAck.ToArray(), SctpSendOptions.Reliable).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log(LogLevel.Info, $"DATA_CHANNEL_ACK not sent: {e.GetType().Name}");
        }
    }

    void ISctpReceiver.OnIncomingStreamsReset(IReadOnlyList<ushort> streamIds)
    {
        foreach (var id in streamIds)
        {
            DataChannel? channel;
            lock (_gate) _channels.TryGetValue(id, out channel);
            channel?.OnIncomingReset();
        }
    }

    void ISctpReceiver.OnClosed(string reason) => CloseAll();

    /// <summary>Cancelled when the association or this manager closes (ends channels' close grace waits).</summary>
    internal CancellationToken Stopping => _stopping.Token;

    private void CloseAll()
    {
        List<DataChannel> all;
        lock (_gate)
        {
            _closed = true;
            all = _channels.Values.ToList();
        }
        foreach (var c in all) c.MarkClosed();
        _stopping.Cancel();
    }

    /// <summary>Marks every channel Closed (ClosedEvent fires); the association itself belongs to the caller.</summary>
    public ValueTask DisposeAsync()
    {
        CloseAll();
        return ValueTask.CompletedTask;
    }

    private void Log(LogLevel level, string message)
    {
        if (_log.IsEnabled(level)) _log.Write(level, Category, message);
    }
}
