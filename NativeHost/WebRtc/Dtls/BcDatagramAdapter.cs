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
/// Receive/Send throw, so the BouncyCastle thread always ends.
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
    private volatile string? _closedReason;

    public BcDatagramAdapter(IDatagramTransport lower, Func<SecurityParameters?>? securityParameters = null)
    {
        _lower = lower;
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
        // BouncyCastle reads zero as "wait forever".
        var timeout = waitMillis <= 0 ? Timeout.Infinite : waitMillis;
        byte[] datagram;
        try
        {
            if (!_inbox.TryTake(out datagram!, timeout, _stop.Token))
            {
                if (_inbox.IsAddingCompleted) throw Closed();
                return -1;
            }
        }
        catch (OperationCanceledException)
        {
            throw Closed();
        }
        catch (InvalidOperationException)
        {
            throw Closed();
        }
        // Runs on BouncyCastle's thread, the one that writes the security parameters.
        if (DtlsRecordGuard.Filter(datagram, _securityParameters()) is not { } plausible)
        {
            GuardDropped++;
            return -1;
        }
        if (plausible.Length != datagram.Length) GuardDropped++;
        datagram = plausible;
        var n = Math.Min(datagram.Length, buffer.Length);
        datagram.AsSpan(0, n).CopyTo(buffer);
        return n;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (_closedReason is not null) throw Closed();
        var copy = buffer.ToArray();
        lock (_sendGate)
        {
            try
            {
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
                throw Closed();
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
