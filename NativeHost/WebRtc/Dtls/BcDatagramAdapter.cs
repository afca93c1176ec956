using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// Bridges our asynchronous <see cref="IDatagramTransport"/> to BouncyCastle's blocking
/// <see cref="DatagramTransport"/>. A pump task reads the lower transport into a bounded
/// queue; BouncyCastle's thread blocks in <see cref="Receive(byte[],int,int,int)"/> with a
/// timeout (it drives its retransmission timers from those timeouts). <see cref="Close"/>
/// (called by BouncyCastle itself, or by us to abort) makes every pending and later
/// Receive/Send throw, so the BouncyCastle thread always ends. After the handshake it hands
/// BouncyCastle one record per Receive call, so that <see cref="RecordAudit"/> can tell from
/// BouncyCastle's record callback which record it accepted and count the ones it dropped.
/// </summary>
internal sealed class BcDatagramAdapter : DatagramTransport
{
    // Largest DTLS 1.2 record: 2^14 plaintext + 2048 expansion + 13 header; a peer on
    // loopback (OpenSSL) may send datagrams far above our own MTU.
    private const int ReceiveLimit = (1 << 14) + 2048 + 13;
    private const int QueueCapacity = 1024;

    private readonly IDatagramTransport _lower;
    private readonly BlockingCollection<byte[]> _inbox = new(new ConcurrentQueue<byte[]>(), QueueCapacity);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _sendGate = new();
    private readonly Task _pump;
    private readonly Func<SecurityParameters?> _securityParameters;
    private readonly FlightReplayer _replayer;
    private readonly ChangeCipherSpecGate _ccsGate = new();
    private readonly Queue<byte[]> _held = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Queue<byte[]> _records = new();
    private readonly ILog _log;
    private volatile RecordAudit? _audit;
    private volatile string? _closedReason;

    public BcDatagramAdapter(IDatagramTransport lower, Func<SecurityParameters?>? securityParameters = null,
        TimeSpan? maxRetransmitInterval = null, ILog? log = null)
    {
        _lower = lower;
        _log = log ?? NullLog.Instance;
        _replayer = new FlightReplayer(maxRetransmitInterval ?? TimeSpan.FromSeconds(2));
        _securityParameters = securityParameters ?? (() => null);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Why the adapter closed (null while open): "transport closed" when the lower
    /// transport ended, otherwise what <see cref="Abort"/> was given.</summary>
    public string? ClosedReason => _closedReason;

    /// <summary>True once the lower transport reported that it is closed.</summary>
    public bool LowerClosed { get; private set; }

    /// <summary>Datagrams dropped because BouncyCastle did not keep up.</summary>
    public long Dropped { get; private set; }

    /// <summary>Datagrams (or records within them) dropped by <see cref="DtlsRecordGuard"/>.</summary>
    public long GuardDropped { get; private set; }

    /// <summary>Number of datagrams handed to the lower transport (tests count retransmissions).</summary>
    public long Sent => Interlocked.Read(ref _sent);
    private long _sent;

    /// <summary>Ends the pump and the blocking calls; also used as the handshake's abort switch.</summary>
    public void Abort(string reason)
    {
        _closedReason ??= reason;
        try { _stop.Cancel(); } catch (ObjectDisposedException) { }
        _inbox.CompleteAdding();
    }

    public Task PumpCompletion => _pump;

    private async Task PumpAsync()
    {
        var buffer = new byte[ReceiveLimit];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var n = await _lower.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (!_inbox.TryAdd(buffer.AsSpan(0, n).ToArray())) Dropped++;
            }
        }
        catch (OperationCanceledException) { }
        catch (TransportClosedException)
        {
            LowerClosed = true;
            Abort("transport closed");
        }
        catch (InvalidOperationException) { } // inbox completed while adding
        catch (Exception)
        {
            LowerClosed = true;
            Abort("transport closed");
        }
    }

    public int GetReceiveLimit() => ReceiveLimit;

    public int GetSendLimit() => _lower.MaxDatagramSize;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        _replayer.OnReceiveCall();
        if (_audit is { } audit)
        {
            // BouncyCastle is back for more, so it is done with the record it had (see RecordAudit).
            Report(audit.Settle());
            if (_records.TryDequeue(out var next)) return Hand(next, buffer);
        }
        var deadline = waitMillis <= 0 ? TimeSpan.MaxValue : _clock.Elapsed + TimeSpan.FromMilliseconds(waitMillis);
        byte[] datagram;
        while (true)
        {
            // BouncyCastle reads zero as "wait forever"; a due flight replay shortens the wait.
            var wait = deadline == TimeSpan.MaxValue ? Timeout.InfiniteTimeSpan : Max(deadline - _clock.Elapsed, TimeSpan.Zero);
            var replayDue = _replayer.UntilReplayDue();
            if (replayDue != Timeout.InfiniteTimeSpan && (wait == Timeout.InfiniteTimeSpan || replayDue < wait)) wait = replayDue;
            // No cancellation token here: after Abort the datagrams already queued are still
            // delivered (the peer's last words, e.g. its fatal alert, arrive just before its link
            // closes), and CompleteAdding wakes the wait once the queue is empty.
            if (_held.TryDequeue(out datagram!)) break;
            if (_inbox.TryTake(out datagram!, wait)) break;
            if (_inbox.IsAddingCompleted) throw Closed();
            if (_replayer.TakeTimedReplay() is { } flight) SendRaw(flight);
            else if (_clock.Elapsed >= deadline) return -1;
        }
        if (_replayer.OnDatagram(datagram) is { } finalFlight) SendRaw(finalFlight);
        var (deliver, release) = _ccsGate.Inspect(datagram);
        if (release is not null) _held.Enqueue(release);
        if (deliver is null) return -1;
        datagram = deliver;
        // Runs on BouncyCastle's thread, the one that writes the security parameters.
        if (DtlsRecordGuard.Filter(datagram, _securityParameters()) is not { } plausible)
        {
            GuardDropped++;
            return -1;
        }
        if (plausible.Length != datagram.Length) GuardDropped++;
        if (_audit is null) return Copy(plausible, buffer);
        var first = SplitRecords(plausible);
        return Hand(first, buffer);
    }

    /// <summary>BouncyCastle's record callback (after the handshake): the record handed over last passed its record layer.</summary>
    public void RecordAuthenticated(DtlsRecordFlags flags) => _audit?.Authenticated();

    /// <summary>On BouncyCastle's thread as the session ends: the last record's fate is known by now.</summary>
    public void SettleAudit()
    {
        if (_audit is { } audit) Report(audit.Settle());
    }

    /// <summary>What happened to the records received since the handshake.</summary>
    public DtlsStatistics Statistics =>
        _audit?.Snapshot(GuardDropped) ?? new DtlsStatistics(0, 0, 0, 0, 0, GuardDropped);

    private int Hand(byte[] record, Span<byte> buffer)
    {
        Report(_audit!.Delivered(record));
        return Copy(record, buffer);
    }

    private static int Copy(byte[] datagram, Span<byte> buffer)
    {
        var n = Math.Min(datagram.Length, buffer.Length);
        datagram.AsSpan(0, n).CopyTo(buffer);
        return n;
    }

    // Queues every record of the datagram but the first, which it returns. A tail too short to
    // be a record goes on as it is: BouncyCastle discards it and the audit counts it malformed.
    private byte[] SplitRecords(byte[] datagram)
    {
        byte[]? first = null;
        var offset = 0;
        while (offset < datagram.Length)
        {
            var length = datagram.Length - offset < 13
                ? datagram.Length - offset
                : Math.Min(13 + ((datagram[offset + 11] << 8) | datagram[offset + 12]), datagram.Length - offset);
            if (first is null && offset == 0 && length == datagram.Length) return datagram;
            var record = datagram.AsSpan(offset, length).ToArray();
            if (first is null) first = record;
            else _records.Enqueue(record);
            offset += length;
        }
        return first ?? datagram;
    }

    private void Report(DroppedRecord? dropped)
    {
        if (dropped is not { } d || !_log.IsEnabled(LogLevel.Debug)) return;
        var reason = d.Reason switch
        {
            RecordDrop.Replayed => "replayed",
            RecordDrop.OtherEpoch => "other-epoch",
            RecordDrop.Malformed => "malformed",
            _ => "unauthenticated",
        };
        var type = d.ContentType switch
        {
            20 => "change_cipher_spec",
            21 => "alert",
            22 => "handshake",
            23 => "application_data",
            24 => "heartbeat",
            25 => "tls12_cid",
            _ => $"type-{d.ContentType}",
        };
        // Header fields only: never a byte of the record's (encrypted) content.
        _log.Write(LogLevel.Debug, "dtls", $"dropped a {reason} {type} record (epoch {d.Epoch}, seq {d.Sequence})");
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    /// <summary>Called on BouncyCastle's thread when its handshake returned.</summary>
    public void HandshakeFinished(bool asServer)
    {
        _ccsGate.Active = false;
        _replayer.HandshakeFinished(asServer);
        // DTLS 1.2's first (and, as we never renegotiate, only) handshake leaves BouncyCastle reading epoch 1.
        _audit = new RecordAudit(readEpoch: 1);
    }

    /// <summary>Called on BouncyCastle's thread before a server handshake starts.</summary>
    public void HandshakeStarting(bool asServer) => _ccsGate.Active = asServer;

    /// <summary>ChangeCipherSpec records held back by <see cref="ChangeCipherSpecGate"/>.</summary>
    public int ChangeCipherSpecsHeld => _ccsGate.Held;

    /// <summary>Datagrams re-sent by <see cref="FlightReplayer"/>.</summary>
    public long Replayed => _replayer.Replayed;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void SendRaw(IReadOnlyList<byte[]> datagrams)
    {
        if (LowerClosed || _closedReason is not null) return;
        lock (_sendGate)
        {
            try
            {
                foreach (var recorded in datagrams)
                {
                    var pending = _lower.SendAsync(_replayer.Refresh(recorded), _stop.Token);
                    if (pending.IsCompletedSuccessfully) pending.GetAwaiter().GetResult();
                    else pending.AsTask().GetAwaiter().GetResult();
                }
            }
            catch (Exception e) when (e is TransportClosedException or OperationCanceledException)
            {
                // Best effort: a replay is only ever a hint.
            }
        }
    }

    public void Send(ReadOnlySpan<byte> buffer)
    {
        // Once the link below is gone, sends become losses rather than errors: the peer's last
        // datagrams (its fatal alert, say) may still be queued for us, and letting BouncyCastle
        // read them gives a truthful error instead of "send failed". Receive reports the closure.
        if (LowerClosed) return;
        if (_closedReason is not null) throw Closed();
        var copy = buffer.ToArray();
        lock (_sendGate)
        {
            try
            {
                _replayer.Renumber(copy);
                _replayer.OnSend(copy);
                // BouncyCastle's thread is ours and UDP sends complete at once, so blocking here is cheap.
                var pending = _lower.SendAsync(copy, _stop.Token);
                if (pending.IsCompletedSuccessfully) pending.GetAwaiter().GetResult();
                else pending.AsTask().GetAwaiter().GetResult();
                Interlocked.Increment(ref _sent);
            }
            catch (TransportClosedException)
            {
                LowerClosed = true;
                Abort("transport closed");
            }
            catch (OperationCanceledException)
            {
                throw Closed();
            }
        }
    }

    /// <summary>Called by BouncyCastle after close_notify or a fatal alert. It does not
    /// dispose the lower transport: the owner of <see cref="DtlsTransport"/> decides that.</summary>
    public void Close() => Abort("closed");

    private IOException Closed() => new TransportClosedIOException(_closedReason ?? "closed");
}

/// <summary>Thrown into BouncyCastle when our side of the datagram bridge is closed;
/// an <see cref="IOException"/> so BouncyCastle treats it as an I/O failure, not a bug.</summary>
internal sealed class TransportClosedIOException(string reason) : IOException($"The datagram transport is closed ({reason}).")
{
    public string Reason { get; } = reason;
}
