using SecureLink.WebRtc.Sctp.Association;
using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp;

// The loop: one task reads inputs in batches, handles each synchronously, then sends what the batch
// produced and re-arms the single timer. All timers (T1-init, T2-shutdown, T3-rtx, delayed SACK,
// RE-CONFIG retransmission) are deadlines checked here, so closing the loop stops every one of them.
public sealed partial class SctpAssociation
{
    private const long Off = long.MaxValue;
    private long _t1At = Off, _t2At = Off, _t3At = Off, _sackAt = Off, _reconfigAt = Off;
    private long _armedAt = Off;
    private long _lastAdvertisedWindow = long.MaxValue;
    private int _windowUpdateRequested;
    private bool _finished;
    private readonly List<(uint Tag, Chunk Chunk)> _immediate = [];
    private readonly List<Chunk> _control = [];

    private async Task RunLoopAsync()
    {
        var reader = _inputs.Reader;
        try
        {
            while (!_finished)
            {
                if (!reader.TryPeek(out _) && !await reader.WaitToReadAsync().ConfigureAwait(false)) break;
                var handled = 0;
                // Flush as soon as a SACK is due, so the peer's window and cwnd move every couple of packets
                // rather than once per batch (one SACK per 256 packets starves slow start).
                while (!_finished && handled++ < 256 && !_sackNow && reader.TryRead(out var input)) Handle(input);
                await FlushAsync().ConfigureAwait(false);
                if (!_finished) ArmTimer();
            }
        }
        catch (Exception e)
        {
            if (_log.IsEnabled(LogLevel.Error)) _log.Write(LogLevel.Error, Category, $"loop failed: {e.GetType().Name}: {e.Message}");
            Finish("transport closed");
        }
        finally
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            Finish(_closedReason ?? "transport closed");
            _inputs.Writer.TryComplete();
            while (reader.TryRead(out var left))
            {
                if (left is ResetInput r) r.Done.TrySetResult(false);
            }
        }
    }

    private void Handle(object input)
    {
        switch (input)
        {
            case SctpPacket packet: HandlePacket(packet); break;
            case OutboundMessage message: EnqueueMessage(message); break;
            case TickInput: OnTimers(); break;
            case WindowUpdateInput:
                Volatile.Write(ref _windowUpdateRequested, 0);
                if (IsUp) _sackNow = true;
                break;
            case ResetInput reset: QueueReset(reset); break;
            case StartInput: SendInit(); break;
            case ShutdownInput: BeginShutdown(); break;
            case AbortInput abort:
                if (_peerTag != 0)
                    _immediate.Add((_peerTag, new AbortChunk([new ErrorCause(ErrorCause.UserInitiatedAbort, [])])));
                Finish(abort.Reason);
                break;
            case TransportClosedInput closed: Finish(closed.Reason); break;
        }
    }

    private void OnTimers()
    {
        _armedAt = Off;
        var now = Environment.TickCount64;
        if (now >= _t1At) OnT1Expired();
        if (now >= _t2At) OnT2Expired();
        if (now >= _t3At) OnT3Expired(now);
        if (now >= _sackAt) { _sackAt = Off; _sackNow = true; }
        if (now >= _reconfigAt) OnReconfigTimer();
    }

    private void ArmTimer()
    {
        var next = Math.Min(Math.Min(_t1At, _t2At), Math.Min(Math.Min(_t3At, _sackAt), _reconfigAt));
        // T3 moves later on nearly every SACK; leaving the timer armed early costs one spurious tick,
        // re-arming it costs a timer-queue update per SACK. Only pull it earlier (or stop it when idle).
        if (next == _armedAt || (next != Off && next > _armedAt)) return;
        _armedAt = next;
        if (next == Off) _timer.Change(Timeout.Infinite, Timeout.Infinite);
        else _timer.Change(Math.Max(0, next - Environment.TickCount64), Timeout.Infinite);
    }

    private long RtoDeadline(long now) => now + (long)_rto.RtoMs;

    private async ValueTask FlushAsync()
    {
        try
        {
            foreach (var (tag, chunk) in _immediate)
            {
                var writer = new SctpPacketWriter(_sendBuffer);
                writer.Begin(_options.LocalPort, _options.RemotePort, tag);
                writer.Add(chunk);
                await SendPacketAsync(writer).ConfigureAwait(false);
            }
            _immediate.Clear();
            if (!_finished) await TransmitAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransportClosedException or ObjectDisposedException or OperationCanceledException)
        {
            _immediate.Clear();
            Finish("transport closed");
        }
    }

    private async ValueTask SendPacketAsync(SctpPacketWriter writer)
    {
        var packet = writer.Finish();
        Interlocked.Increment(ref Statistics.packetsSent);
        await _lower.SendAsync(packet, _stop.Token).ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        var ct = _stop.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var n = await _lower.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                Interlocked.Increment(ref Statistics.packetsReceived);
                // Parse (and check the CRC) here, off the loop: on a two-core box that is half the work.
                if (!SctpPacket.TryParse(buffer.AsSpan(0, n), out var packet, out var error)
                    || packet!.DestinationPort != _options.LocalPort || packet.SourcePort != _options.RemotePort)
                {
                    Interlocked.Increment(ref Statistics.packetsDropped);
                    if (_log.IsEnabled(LogLevel.Debug)) _log.Write(LogLevel.Debug, Category, $"dropped {n}-byte packet: {(error == PacketError.None ? "wrong port" : error)}");
                    continue;
                }
                if (!_inputs.Writer.TryWrite(packet)) return;
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is TransportClosedException or ObjectDisposedException)
        {
            _inputs.Writer.TryWrite(new TransportClosedInput("transport closed"));
        }
        catch (Exception e)
        {
            if (_log.IsEnabled(LogLevel.Error)) _log.Write(LogLevel.Error, Category, $"receive failed: {e.GetType().Name}");
            _inputs.Writer.TryWrite(new TransportClosedInput("transport closed"));
        }
    }

    private async Task DispatchLoopAsync()
    {
        var receiver = await _receiver.Task.ConfigureAwait(false);
        var reader = _deliveries.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                try
                {
                    switch (item)
                    {
                        case DeliveredMessage m:
                            receiver.OnMessage(m.StreamId, m.Ppid, m.Data);
                            Interlocked.Add(ref _pendingDeliveryBytes, -m.Data.Length);
                            MaybeRequestWindowUpdate();
                            break;
                        case StreamsReset r: receiver.OnIncomingStreamsReset(r.Streams); break;
                        case ClosedDelivery c: receiver.OnClosed(c.Reason); break;
                    }
                }
                catch (Exception e)
                {
                    // A throwing handler must not stop delivery of everything after it.
                    if (_log.IsEnabled(LogLevel.Error)) _log.Write(LogLevel.Error, Category, $"receiver threw {e.GetType().Name}");
                }
            }
        }
    }

    // The peer stops sending when our advertised window closes; once the application has caught up,
    // tell it the window is open again instead of leaving it to zero-window probes.
    private void MaybeRequestWindowUpdate()
    {
        if (Volatile.Read(ref _lastAdvertisedWindow) >= _options.ReceiveWindow / 2) return;
        if (Interlocked.Read(ref _pendingDeliveryBytes) > _options.ReceiveWindow / 4) return;
        if (Interlocked.Exchange(ref _windowUpdateRequested, 1) == 0) _inputs.Writer.TryWrite(WindowUpdateInput.Instance);
    }

    private void Deliver(ushort streamId, uint ppid, byte[] data)
    {
        Interlocked.Add(ref _pendingDeliveryBytes, data.Length);
        _deliveries.Writer.TryWrite(new DeliveredMessage(streamId, ppid, data));
    }

    /// <summary>Ends the association: state CLOSED, every waiter released, Closed raised once.</summary>
    private void Finish(string reason)
    {
        if (_finished) return;
        _finished = true;
        Volatile.Write(ref _closedReason, reason);
        _t1At = _t2At = _t3At = _sackAt = _reconfigAt = Off;
        SetState(SctpAssociationState.Closed);
        if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, Category, $"closed: {reason}");
        _established.TrySetException(new SctpAssociationException($"The SCTP association closed ({reason})."));
        _established.Task.Exception?.Handle(_ => true);
        FailResets();
        Volatile.Read(ref _spaceSignal).TrySetResult();
        _deliveries.Writer.TryWrite(new ClosedDelivery(reason));
        _deliveries.Writer.TryComplete();
        var handler = Closed;
        if (handler is not null) ThreadPool.QueueUserWorkItem(_ => handler(reason));
    }

    private sealed class TickInput { public static readonly TickInput Instance = new(); }
    private sealed class WindowUpdateInput { public static readonly WindowUpdateInput Instance = new(); }
    private sealed class StartInput { public static readonly StartInput Instance = new(); }
    private sealed class ShutdownInput;
    private sealed record AbortInput(string Reason);
    private sealed record TransportClosedInput(string Reason);
    private sealed class ResetInput(ushort streamId)
    {
        public ushort StreamId { get; } = streamId;
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
    private sealed record DeliveredMessage(ushort StreamId, uint Ppid, byte[] Data);
    private sealed record StreamsReset(ushort[] Streams);
    private sealed record ClosedDelivery(string Reason);
}
