using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using SecureLink.WebRtc.Sctp.Association;
using SecureLink.WebRtc.Sctp.Packet;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp;

/// <summary>
/// An SCTP association (RFC 9260 subset for WebRTC, RFC 8261 over DTLS) on an <see cref="IDatagramTransport"/>.
/// One loop task owns every piece of state; it reads a channel of inputs (received packets, send and
/// reset requests, timer ticks), so nothing here needs a lock. Received messages leave through a
/// second task, in order, so user callbacks never run on (or block) the loop.
/// Split by concern into partial files: Loop, Handshake, Sender, Receiver, Reconfig, Shutdown.
/// </summary>
public sealed partial class SctpAssociation : IAsyncDisposable
{
    private const string Category = "sctp";
    private readonly IDatagramTransport _lower;
    private readonly SctpOptions _options;
    private readonly ILog _log;
    private readonly Channel<object> _inputs = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<object> _deliveries = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<ISctpReceiver> _receiver = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Timer _timer;
    private readonly byte[] _cookieKey = RandomNumberGenerator.GetBytes(32);
    private readonly Task _loopTask, _receiveTask, _dispatchTask;
    private volatile SctpAssociationState _state = SctpAssociationState.Closed;
    private string? _closedReason;
    private int _disposed;
    private long _pendingDeliveryBytes;

    private SctpAssociation(IDatagramTransport lower, SctpOptions options)
    {
        _lower = lower;
        _options = options;
        _log = options.Log;
        _myTag = NonZeroRandom();
        _myInitialTsn = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
        _nextTsn = _myInitialTsn;
        _myNextRequestSequence = _myInitialTsn;
        _mtu = Math.Clamp(lower.MaxDatagramSize, 256, 65535);
        _sendBuffer = new byte[_mtu];
        _rto = new RtoEstimator(options.RtoInitial.TotalMilliseconds, options.RtoMin.TotalMilliseconds, options.RtoMax.TotalMilliseconds);
        _cwnd = InitialCwnd;
        _reassembly = new Reassembly(options.MaxReceiveMessageSize, Deliver, () => Interlocked.Increment(ref Statistics.messagesDropped));
        _timer = new Timer(static s => ((SctpAssociation)s!)._inputs.Writer.TryWrite(TickInput.Instance), this, Timeout.Infinite, Timeout.Infinite);
        _loopTask = Task.Run(RunLoopAsync);
        _receiveTask = Task.Run(ReceiveLoopAsync);
        _dispatchTask = Task.Run(DispatchLoopAsync);
    }

    /// <summary>Brings the association up: as client sends INIT, as server answers the peer's INIT.
    /// Returns once ESTABLISHED; throws <see cref="SctpAssociationException"/> if it fails or closes first.</summary>
    public static async Task<SctpAssociation> ConnectAsync(IDatagramTransport lower, SctpOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(options);
        var association = new SctpAssociation(lower, options);
        if (options.IsClient) association._inputs.Writer.TryWrite(StartInput.Instance);
        try
        {
            await association._established.Task.WaitAsync(ct).ConfigureAwait(false);
            return association;
        }
        catch
        {
            await association.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Raised once when the association ends: "shutdown", "abort", "transport closed" or "timeout".</summary>
    public event Action<string>? Closed;

    /// <summary>Raised on every state change (from, to), on the loop's thread pool: keep handlers short.</summary>
    public event Action<SctpAssociationState, SctpAssociationState>? StateChanged;

    public SctpAssociationState State => _state;
    public SctpStatistics Statistics { get; } = new();
    public SctpOptions Options => _options;

    /// <summary>Why the association closed, once it has.</summary>
    public string? ClosedReason => Volatile.Read(ref _closedReason);

    /// <summary>True when the peer advertised RE-CONFIG (stream reset), which data channel close needs.</summary>
    public bool PeerSupportsReconfig => _peerReconfig;

    /// <summary>Hands received messages and stream resets to <paramref name="receiver"/>. Until this is called they wait,
    /// so nothing that arrives right after the handshake is lost. Call once.</summary>
    public void StartReceiving(ISctpReceiver receiver)
    {
        if (!_receiver.TrySetResult(receiver)) throw new InvalidOperationException("A receiver is already attached.");
    }

    /// <summary>Queues one message. Completes when it is queued, or later when more than
    /// <see cref="SctpOptions.SendBufferHighWater"/> bytes wait, so a fast writer cannot grow memory without bound.</summary>
    public Task SendAsync(ushort streamId, uint ppid, ReadOnlyMemory<byte> data, SctpSendOptions? sendOptions = null, CancellationToken ct = default)
    {
        sendOptions ??= SctpSendOptions.Reliable;
        if (data.Length == 0) throw new ArgumentException("SCTP cannot carry an empty message (RFC 9260 §6.2); send a placeholder byte.", nameof(data));
        if (data.Length > _options.RemoteMaxMessageSize)
            throw new ArgumentException($"Message of {data.Length} bytes exceeds the peer's maximum message size of {_options.RemoteMaxMessageSize}.", nameof(data));
        if (_state is not (SctpAssociationState.Established or SctpAssociationState.CookieEchoed or SctpAssociationState.CookieWait))
            throw new SctpAssociationException($"The association is {_state}; it cannot send.");
        ct.ThrowIfCancellationRequested();
        var message = CreateMessage(streamId, ppid, data.Span, sendOptions);
        var total = Interlocked.Add(ref _bufferedBytes, data.Length);
        _inputs.Writer.TryWrite(message);
        return total > _options.SendBufferHighWater ? WaitForBufferSpaceAsync(ct) : Task.CompletedTask;
    }

    /// <summary>Resets our outgoing stream (RFC 6525 §5.1.2) once everything queued on it has been sent;
    /// true when the peer performed it, false when it refused or cannot do stream resets.</summary>
    public Task<bool> ResetStreamAsync(ushort streamId, CancellationToken ct = default)
    {
        var request = new ResetInput(streamId);
        if (!_inputs.Writer.TryWrite(request)) return Task.FromResult(false);
        return request.Done.Task.WaitAsync(ct);
    }

    /// <summary>Sends ABORT at once and closes (no graceful shutdown).</summary>
    public async Task AbortAsync()
    {
        _inputs.Writer.TryWrite(new AbortInput("abort"));
        await Task.WhenAny(_loopTask, Task.Delay(2000)).ConfigureAwait(false);
    }

    /// <summary>Graceful SHUTDOWN, bounded by <see cref="SctpOptions.ShutdownTimeout"/>, then ABORT if needed;
    /// then stops the loop, the timer and the receive and dispatch tasks. Does not dispose the lower transport.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await Task.WhenAll(_loopTask, _receiveTask, _dispatchTask).ConfigureAwait(false);
            return;
        }
        var shutdown = new ShutdownInput();
        if (_inputs.Writer.TryWrite(shutdown))
        {
            var finished = await Task.WhenAny(_loopTask, Task.Delay(_options.ShutdownTimeout)).ConfigureAwait(false);
            if (finished != _loopTask) _inputs.Writer.TryWrite(new AbortInput("timeout"));
        }
        await _loopTask.ConfigureAwait(false);
        _stop.Cancel();
        await _timer.DisposeAsync().ConfigureAwait(false);
        _receiver.TrySetResult(NullReceiver.Instance);
        await Task.WhenAll(_receiveTask, _dispatchTask).ConfigureAwait(false);
        _stop.Dispose();
        // The last packet written (plaintext chunks, before DTLS) stays in this buffer otherwise.
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(_sendBuffer);
    }

    /// <summary>True once the loop, receive and dispatch tasks have all ended (tests prove dispose leaves nothing running).</summary>
    public bool IsFullyStopped => _loopTask.IsCompleted && _receiveTask.IsCompleted && _dispatchTask.IsCompleted;

    private async Task WaitForBufferSpaceAsync(CancellationToken ct)
    {
        while (Interlocked.Read(ref _bufferedBytes) > _options.SendBufferHighWater)
        {
            if (Volatile.Read(ref _closedReason) is not null)
                throw new SctpAssociationException("The association closed while the message waited to be sent.");
            var signal = Volatile.Read(ref _spaceSignal);
            if (Interlocked.Read(ref _bufferedBytes) <= _options.SendBufferHighWater) break;
            await signal.Task.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private OutboundMessage CreateMessage(ushort streamId, uint ppid, ReadOnlySpan<byte> data, SctpSendOptions o)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(buffer);
        var message = new OutboundMessage
        {
            StreamId = streamId, Ppid = ppid, Unordered = o.Unordered, MaxRetransmits = o.MaxRetransmits, Counter = o.Counter,
            ExpiresAtMs = o.MaxPacketLifeTimeMs is { } life ? Environment.TickCount64 + life : long.MaxValue,
            Buffer = buffer, Length = data.Length,
        };
        o.Counter?.Add(data.Length);
        var max = MaxPayloadPerChunk;
        for (var offset = 0; offset < data.Length; offset += max)
        {
            var length = Math.Min(max, data.Length - offset);
            message.Fragments.Add(new OutboundChunk(message, offset, length, offset == 0, offset + length == data.Length));
        }
        message.FragmentsLeft = message.Fragments.Count;
        return message;
    }

    private void SetState(SctpAssociationState to)
    {
        var from = _state;
        if (from == to) return;
        _state = to;
        if (_log.IsEnabled(LogLevel.Debug)) _log.Write(LogLevel.Debug, Category, $"{from} -> {to}");
        var handler = StateChanged;
        if (handler is not null) ThreadPool.QueueUserWorkItem(_ => handler(from, to));
        if (to == SctpAssociationState.Established) _established.TrySetResult();
    }

    private static uint NonZeroRandom()
    {
        uint v;
        do v = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue); while (v == 0);
        return v;
    }

    private sealed class NullReceiver : ISctpReceiver
    {
        public static readonly NullReceiver Instance = new();
        public void OnMessage(ushort streamId, uint ppid, byte[] data) { }
        public void OnIncomingStreamsReset(IReadOnlyList<ushort> streamIds) { }
        public void OnClosed(string reason) { }
    }
}
