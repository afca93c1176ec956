using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc;

/// <summary>
/// Splits the one ICE transport into the protocols that share it, by the first
/// byte of each datagram as RFC 7983 §7 assigns them: 20–63 DTLS, 128–191
/// RTP/RTCP (SRTP). STUN (0–3) never gets here (the ICE agent keeps it), and
/// anything else is dropped and counted, never passed up. One receive loop owns
/// the lower transport; each protocol reads from its own bounded queue, so a
/// flood of one kind cannot starve the other.
/// </summary>
public sealed class DatagramDemux : IAsyncDisposable
{
    private const int ReceiveBufferSize = 65536;
    private readonly IDatagramTransport _lower;
    private readonly ILog _log;
    private readonly Route _dtls;
    private readonly Route _rtp;
    private readonly bool _acceptRtp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _dropped;

    /// <param name="lower">The transport to split (the ICE agent's selected pair).</param>
    /// <param name="acceptRtp">When false (no media negotiated) RTP/RTCP datagrams are dropped and counted.</param>
    /// <param name="log">Where drop counts are reported (never content).</param>
    public DatagramDemux(IDatagramTransport lower, bool acceptRtp = false, ILog? log = null)
    {
        _lower = lower;
        _log = log ?? NullLog.Instance;
        _acceptRtp = acceptRtp;
        _dtls = new Route(this);
        _rtp = new Route(this);
        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>DTLS records only (first byte 20–63); sends go straight to the lower transport.</summary>
    public IDatagramTransport Dtls => _dtls;

    /// <summary>RTP/RTCP only (first byte 128–191), when accepted.</summary>
    public IDatagramTransport Rtp => _rtp;

    /// <summary>Datagrams discarded: unknown first byte, RTP when not accepted, or a full queue.</summary>
    public long Dropped => Interlocked.Read(ref _dropped) + _dtls.Queue.Dropped + _rtp.Queue.Dropped;

    /// <summary>What RFC 7983 says a datagram starting with <paramref name="firstByte"/> is.</summary>
    public static DatagramKind Classify(byte firstByte) => firstByte switch
    {
        <= 3 => DatagramKind.Stun,
        >= 16 and <= 19 => DatagramKind.Zrtp,
        >= 20 and <= 63 => DatagramKind.Dtls,
        >= 64 and <= 79 => DatagramKind.Turn,
        >= 128 and <= 191 => DatagramKind.Rtp,
        _ => DatagramKind.Unknown,
    };

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[ReceiveBufferSize];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var n = await _lower.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (n == 0) { Interlocked.Increment(ref _dropped); continue; }
                var route = Classify(buffer[0]) switch
                {
                    DatagramKind.Dtls => _dtls,
                    DatagramKind.Rtp when _acceptRtp => _rtp,
                    _ => null,
                };
                if (route is null)
                {
                    var dropped = Interlocked.Increment(ref _dropped);
                    if (_log.IsEnabled(LogLevel.Debug)) _log.Write(LogLevel.Debug, "demux", $"dropped a {n}-byte datagram with first byte {buffer[0]} ({dropped} so far)");
                    continue;
                }
                route.Queue.Enqueue(buffer.AsSpan(0, n));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (TransportClosedException)
        {
        }
        catch (Exception e)
        {
            // A lower transport that throws something unexpected ends the session, not the process.
            _log.Write(LogLevel.Error, "demux", $"receive loop ended: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _dtls.Queue.Close();
            _rtp.Queue.Close();
        }
    }

    /// <summary>Stops the receive loop and closes both routes; does not dispose the lower transport (its owner does).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync().ConfigureAwait(false);
        try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Route(DatagramDemux owner) : IDatagramTransport
    {
        public DatagramQueue Queue { get; } = new(1024);

        public int MaxDatagramSize => owner._lower.MaxDatagramSize;

        public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
        {
            if (Queue.IsClosed) throw new TransportClosedException();
            return owner._lower.SendAsync(datagram, cancellationToken);
        }

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Queue.DequeueAsync(buffer, cancellationToken);

        // Closing one protocol's view leaves the others (and the lower transport) running.
        public ValueTask DisposeAsync()
        {
            Queue.Close();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The protocol families RFC 7983 tells apart by first byte.</summary>
public enum DatagramKind { Stun, Zrtp, Dtls, Turn, Rtp, Unknown }
