using System.Diagnostics;
using Org.BouncyCastle.Tls;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// DTLS 1.2 over any <see cref="IDatagramTransport"/>, carrying application data (SCTP)
/// and exporting SRTP keys. Reads top to bottom like aiortc's RTCDtlsTransport.start():
/// handshake (BouncyCastle, on a thread of its own) → fingerprint check (inside the
/// handshake, so a mismatch aborts it with bad_certificate) → SRTP keys → record loop.
/// </summary>
/// <remarks>
/// One dedicated thread per session runs BouncyCastle's blocking handshake and then its
/// record receive loop, pushing decrypted datagrams into a queue that
/// <see cref="ReceiveAsync"/> reads. The thread ends when the session closes for any
/// reason; <see cref="DisposeAsync"/> waits for it. Disposing also disposes the lower
/// transport: this layer owns the one below it, as every layer of the stack does.
/// </remarks>
public sealed class DtlsTransport : IDatagramTransport
{
    private static readonly TimeSpan ThreadExitWait = TimeSpan.FromSeconds(5);

    private readonly IDatagramTransport _lower;
    private readonly DtlsRole _role;
    private readonly DtlsPeerState _state;
    private readonly BcDatagramAdapter _adapter;
    private readonly DatagramQueue _received = new(1024);
    private readonly Thread _thread;
    private readonly TaskCompletionSource _handshakeDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _threadExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _sendGate = new();
    private readonly DtlsRecordCallback _onRecord;
    private Org.BouncyCastle.Tls.DtlsTransport? _session;
    private int _maxDatagramSize;
    private int _closed;
    private int _disposed;
    private volatile bool _localClose;
    private volatile string? _closeReason;

    private DtlsTransport(IDatagramTransport lower, DtlsRole role, DtlsPeerState state)
    {
        _lower = lower;
        _role = role;
        _state = state;
        _adapter = new BcDatagramAdapter(lower, () => state.Context?.SecurityParameters, state.Options.MaxRetransmitTimeout, state.Log);
        _onRecord = _adapter.RecordAuthenticated;
        _thread = new Thread(Run) { IsBackground = true, Name = $"dtls-{role.ToString().ToLowerInvariant()}" };
    }

    /// <summary>Runs the handshake and returns an open session. Throws
    /// <see cref="DtlsFingerprintMismatchException"/> when the peer's certificate is not
    /// <paramref name="expectedRemote"/>, <see cref="DtlsHandshakeException"/> for every other
    /// failure (including the timeout), <see cref="OperationCanceledException"/> when cancelled.
    /// On any failure the lower transport is disposed (fail closed).</summary>
    public static async Task<DtlsTransport> ConnectAsync(IDatagramTransport lower, DtlsRole role, DtlsCertificate local,
        DtlsFingerprint expectedRemote, DtlsOptions? options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(expectedRemote);
        ObjectDisposedException.ThrowIf(local.IsDisposed, local);
        ct.ThrowIfCancellationRequested();
        options ??= new DtlsOptions();
        if (options.HandshakeTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "HandshakeTimeout must be positive.");

        var transport = new DtlsTransport(lower, role, new DtlsPeerState(local, expectedRemote, options, role));
        await transport.HandshakeAsync(ct).ConfigureAwait(false);
        return transport;
    }

    /// <summary>Our role in the handshake.</summary>
    public DtlsRole Role => _role;

    /// <summary>Largest application datagram one <see cref="SendAsync"/> carries
    /// (BouncyCastle's plaintext limit for the lower transport's MTU).</summary>
    public int MaxDatagramSize => _maxDatagramSize;

    /// <summary>The negotiated SRTP profile, <see cref="SrtpProtectionProfile.None"/> if none.</summary>
    public SrtpProtectionProfile SrtpProfile => _state.SrtpProfile;

    /// <summary>SRTP master keys and salts (RFC 5764 §4.2), null when no profile was negotiated.</summary>
    public SrtpKeyingMaterial? SrtpKeys => _state.SrtpKeys;

    /// <summary>The peer's certificate fingerprint, hashed as the expected one was; after a
    /// successful handshake it equals the expected fingerprint.</summary>
    public DtlsFingerprint RemoteFingerprint => _state.RemoteFingerprint!;

    /// <summary>IANA code of the negotiated cipher suite (e.g. 0xC02B).</summary>
    public int CipherSuite => _state.CipherSuite;

    /// <summary>True once the session is closed (by either side or the link).</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Why the session closed, null while open.</summary>
    public string? CloseReason => _closeReason;

    /// <summary>Raised once when the session closes: "close_notify" (the peer said goodbye),
    /// "alert: &lt;name&gt;" (a fatal alert from the peer), "transport closed" (the link below
    /// ended) or "local close" (we disposed). Runs on the DTLS thread or the disposing caller.</summary>
    public event Action<string>? Closed;

    /// <summary>Handshake duration, for logs and benchmarks.</summary>
    public TimeSpan HandshakeDuration { get; private set; }

    /// <summary>Handshake datagrams we re-sent on BouncyCastle's behalf (see <see cref="FlightReplayer"/>).</summary>
    public long DatagramsReplayed => _adapter.Replayed;

    /// <summary>Datagrams handed to the lower transport so far, handshake retransmissions included.</summary>
    public long DatagramsSent => _adapter.Sent;

    /// <summary>Spoofed records dropped before BouncyCastle could choke on them (see <see cref="DtlsRecordGuard"/>).</summary>
    public long ImplausibleRecordsDropped => _adapter.GuardDropped;

    /// <summary>What happened to the records received since the handshake: authenticated, and dropped
    /// by reason (replayed, unauthenticated, other epoch, malformed). Also logged when the session closes.</summary>
    public DtlsStatistics Statistics => _adapter.Statistics;

    internal bool IsThreadAlive => _thread.IsAlive;

    /// <summary>RFC 5705 keying material exporter with no context value.</summary>
    public byte[] ExportKeyingMaterial(string label, int length)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return _state.Export(label, length);
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = _session;
        if (session is null || IsClosed) throw new TransportClosedException(ClosedMessage());
        if (datagram.Length > _maxDatagramSize)
            throw new ArgumentException($"A DTLS datagram carries at most {_maxDatagramSize} bytes; this one has {datagram.Length}.", nameof(datagram));
        lock (_sendGate)
        {
            try
            {
                session.Send(datagram.Span);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                OnClosed(CloseReasonFor(e));
                throw new TransportClosedException(ClosedMessage(), e);
            }
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _received.DequeueAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportClosedException e)
        {
            throw new TransportClosedException(ClosedMessage(), e);
        }
    }

    /// <summary>Sends close_notify (if the session is open), stops the DTLS thread, disposes the
    /// lower transport and destroys our copies of the keys.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _localClose = true;
        var session = _session;
        if (session is not null && !IsClosed)
        {
            lock (_sendGate)
            {
                try { session.Close(); } // close_notify, then closes the adapter
                catch (Exception) { /* the link may already be gone; closing anyway */ }
            }
        }
        OnClosed("local close");
        await ShutDownAsync().ConfigureAwait(false);
    }

    private async Task HandshakeAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var timedOut = false;
        _thread.Start();
        // BouncyCastle enforces the same timeout itself; this is the backstop that also covers a
        // handshake stuck outside its timer, and turns cancellation into an abort of the bridge.
        using var timeout = new CancellationTokenSource(_state.Options.HandshakeTimeout);
        using var onTimeout = timeout.Token.Register(() =>
        {
            timedOut = true;
            _adapter.Abort("handshake timeout");
        });
        using var onCancel = ct.Register(() => _adapter.Abort("cancelled"));
        try
        {
            await _handshakeDone.Task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await ShutDownAsync().ConfigureAwait(false);
            var error = DtlsErrors.FromHandshake(e, _state, _adapter, timedOut, ct);
            if (_state.Log.IsEnabled(LogLevel.Error))
                _state.Log.Write(LogLevel.Error, "dtls", $"handshake as {_role} failed: {error.Message}");
            throw error;
        }
        HandshakeDuration = Stopwatch.GetElapsedTime(started);
        if (ct.IsCancellationRequested || timedOut)
        {
            await DisposeAsync().ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            throw new DtlsHandshakeException($"DTLS handshake timed out after {_state.Options.HandshakeTimeout.TotalSeconds:0.#} s.");
        }
        if (_state.Log.IsEnabled(LogLevel.Info))
            _state.Log.Write(LogLevel.Info, "dtls", $"connected as {_role} in {HandshakeDuration.TotalMilliseconds:0} ms");
    }

    private void Run()
    {
        Org.BouncyCastle.Tls.DtlsTransport session;
        try
        {
            _adapter.HandshakeStarting(asServer: _role == DtlsRole.Server);
            session = _role == DtlsRole.Client
                ? new DtlsClientProtocol().Connect(new BcDtlsClient(_state), _adapter)
                : new DtlsServerProtocol().Accept(new BcDtlsServer(_state), _adapter);
            _adapter.HandshakeFinished(asServer: _role == DtlsRole.Server);
            _maxDatagramSize = session.GetSendLimit();
            _session = session;
        }
        catch (Exception e)
        {
            _handshakeDone.TrySetException(e);
            _threadExited.TrySetResult();
            return;
        }
        _handshakeDone.TrySetResult();
        try
        {
            ReceiveLoop(session);
        }
        finally
        {
            _threadExited.TrySetResult();
        }
    }

    private void ReceiveLoop(Org.BouncyCastle.Tls.DtlsTransport session)
    {
        var buffer = new byte[session.GetReceiveLimit()];
        while (!IsClosed)
        {
            int n;
            try
            {
                // A finite wait so a close that races with the wait is noticed without help.
                n = session.Receive(buffer, 0, buffer.Length, 1000, _onRecord);
            }
            catch (Exception e)
            {
                OnClosed(CloseReasonFor(e));
                return;
            }
            if (n >= 0)
            {
                _received.Enqueue(buffer.AsSpan(0, n));
            }
            else if (_state.CloseNotifyReceived)
            {
                OnClosed("close_notify");
                return;
            }
        }
    }

    private string CloseReasonFor(Exception error)
    {
        if (_localClose) return "local close";
        if (_state.CloseNotifyReceived) return "close_notify";
        if (_state.FatalAlertReceived is { } received) return "alert: " + DtlsErrors.Name(received);
        if (error is TlsFatalAlertReceived alertReceived) return "alert: " + DtlsErrors.Name(alertReceived.AlertDescription);
        if (_adapter.LowerClosed) return "transport closed";
        if (error is TlsFatalAlert raised) return "alert sent: " + DtlsErrors.Name(raised.AlertDescription);
        return "transport closed";
    }

    private void OnClosed(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _closeReason = reason;
        _received.Close();
        _adapter.Abort(reason);
        // On the DTLS thread the last record's fate is known; from a disposer it may still be in flight.
        if (Thread.CurrentThread == _thread) _adapter.SettleAudit();
        if (_state.Log.IsEnabled(LogLevel.Info)) _state.Log.Write(LogLevel.Info, "dtls", $"closed: {reason}; records received: {Statistics}");
        try
        {
            Closed?.Invoke(reason);
        }
        catch (Exception e)
        {
            // A subscriber's bug must not take down the DTLS thread or the disposer.
            if (_state.Log.IsEnabled(LogLevel.Error)) _state.Log.Write(LogLevel.Error, "dtls", $"Closed handler threw {e.GetType().Name}");
        }
    }

    /// <summary>Stops the thread and the pump, disposes the lower transport and wipes keys.</summary>
    private async Task ShutDownAsync()
    {
        _received.Close();
        _adapter.Abort(_closeReason ?? "closed");
        await WaitQuietly(_threadExited.Task).ConfigureAwait(false);
        await WaitQuietly(_adapter.PumpCompletion).ConfigureAwait(false);
        try
        {
            await _lower.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already closed below us; nothing more to release.
        }
        _state.Wipe();
    }

    private static async Task WaitQuietly(Task task)
    {
        try
        {
            await task.WaitAsync(ThreadExitWait).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Timeout or the task's own failure: shutting down regardless.
        }
    }

    private string ClosedMessage() => $"The DTLS session is closed ({_closeReason ?? "not connected"}).";
}
