using System.Diagnostics;
using System.Threading.Channels;
using SecureLink.WebRtc.Rtcp;
using SecureLink.WebRtc.Rtp;
using SecureLink.WebRtc.Srtp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Media;

/// <summary>
/// The one reader of the RTP/RTCP share of the transport: tells RTCP from RTP (RFC 5761),
/// unprotects with the inbound SRTP context (which it alone uses), latches the peer's SSRC and
/// hands authenticated audio to the bounded <see cref="Received"/> queue and RTCP to the
/// reporter. Whatever the peer or an attacker sends, nothing here throws: each bad datagram is
/// dropped and counted, and the next one is read.
/// </summary>
internal sealed class RtpReceiveLoop
{
    private readonly IDatagramTransport _transport;
    private readonly SrtpContext _inbound;
    private readonly int _payloadType;
    private readonly ReceptionState _state;
    private readonly Action<List<RtcpPacket>, TimeSpan> _onRtcp;
    private readonly ILog _log;
    private readonly Channel<ReceivedRtp> _received;

    public RtpReceiveLoop(IDatagramTransport transport, SrtpContext inbound, int payloadType, ReceptionState state,
        Action<List<RtcpPacket>, TimeSpan> onRtcp, ILog log)
    {
        _transport = transport;
        _inbound = inbound;
        _payloadType = payloadType;
        _state = state;
        _onRtcp = onRtcp;
        _log = log;
        // Drop-oldest: with no call running nobody reads, and fresh audio beats stale audio.
        _received = Channel.CreateBounded<ReceivedRtp>(
            new BoundedChannelOptions(AudioStreamSettings.ReceiveQueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = false,
                SingleWriter = true,
            },
            _ => state.CountQueueOverflow());
    }

    public ChannelReader<ReceivedRtp> Received => _received.Reader;

    /// <summary>The drops the SRTP layer counts (malformed, failed authentication, replays).</summary>
    public SrtpContext Inbound => _inbound;

    public async Task RunAsync(CancellationToken ct)
    {
        // One byte more than we accept, so an oversize datagram shows as such instead of being truncated to fit.
        var datagram = new byte[AudioStreamSettings.MaxDatagramSize + 1];
        var plain = new byte[AudioStreamSettings.MaxDatagramSize + 1];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var n = await _transport.ReceiveAsync(datagram, ct).ConfigureAwait(false);
                var arrival = Stopwatch.GetElapsedTime(0);
                if (n > AudioStreamSettings.MaxDatagramSize || n == 0) { _state.CountDropped(); continue; }
                var packet = datagram.AsSpan(0, n);
                if (RtcpMux.IsRtcp(packet)) OnRtcp(packet, plain, arrival);
                else OnRtp(packet, plain, arrival);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (TransportClosedException)
        {
        }
        catch (Exception e)
        {
            // A fault in here must end this stream only, never the host.
            _log.Write(LogLevel.Error, "rtp", $"receive loop ended: {e.GetType().Name}");
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    private void OnRtp(ReadOnlySpan<byte> packet, byte[] plain, TimeSpan arrival)
    {
        // Failures are counted by the SRTP context itself (SrtpDropped).
        if (_inbound.UnprotectRtp(packet, plain, out var length) != SrtpResult.Ok) return;
        var rtp = plain.AsSpan(0, length);
        if (!RtpHeader.TryParse(rtp, out var header) || header.PayloadType != _payloadType)
        {
            _state.CountDropped();
            return;
        }
        if (!_state.OnPacket(header.Ssrc, header.SequenceNumber, header.Timestamp, arrival, packet.Length)) return;
        var payload = header.GetPayload(rtp).ToArray();
        _received.Writer.TryWrite(new ReceivedRtp(header.Ssrc, header.SequenceNumber, header.Timestamp, header.Marker, payload,
            Stopwatch.GetTimestamp()));
    }

    private void OnRtcp(ReadOnlySpan<byte> packet, byte[] plain, TimeSpan arrival)
    {
        if (_inbound.UnprotectRtcp(packet, plain, out var length) != SrtpResult.Ok) return;
        if (!RtcpCompoundPacket.TryParse(plain.AsSpan(0, length), out var packets))
        {
            _state.CountDropped();
            return;
        }
        _state.OnRtcp(packet.Length);
        _onRtcp(packets, arrival);
    }
}
