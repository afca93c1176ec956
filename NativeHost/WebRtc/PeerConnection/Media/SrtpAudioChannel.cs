using System.Threading.Channels;
using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Srtp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Media;

/// <summary>
/// The negotiated Opus stream of a peer connection over SRTP, keyed from the DTLS export
/// (RFC 5764): <see cref="RtpSender"/> protects what leaves, <see cref="RtpReceiveLoop"/>
/// unprotects what arrives, <see cref="RtcpReporter"/> keeps the RTCP going. Owned by the
/// <see cref="RtcPeerConnection"/>, which disposes it (BYE, then every session key zeroed).
/// </summary>
public sealed class SrtpAudioChannel : IRtpAudioChannel, IAsyncDisposable
{
    private readonly SrtpSession _session;
    private readonly RtpSender _sender;
    private readonly RtpReceiveLoop _receiver;
    private readonly RtcpReporter _reporter;
    private readonly ReceptionState _state = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly Task _reporting;
    private int _disposed;

    private SrtpAudioChannel(IDatagramTransport transport, SrtpSession session, AudioStreamSettings settings, ILog log)
    {
        _session = session;
        Settings = settings;
        _sender = new RtpSender(transport, session.Outbound, settings.LocalSsrc, settings.PayloadType);
        _reporter = new RtcpReporter(_sender, _state, settings, log);
        _receiver = new RtpReceiveLoop(transport, session.Inbound, settings.PayloadType, _state, _reporter.OnRtcp, log);
        _receiving = Task.Run(() => _receiver.RunAsync(_stop.Token));
        _reporting = Task.Run(() => _reporter.RunAsync(_stop.Token));
    }

    /// <summary>
    /// Starts the stream over <paramref name="transport"/> (the RTP share of the demux) with the
    /// keys DTLS exported; null when the negotiated profile is not one we implement.
    /// </summary>
    public static SrtpAudioChannel? Start(IDatagramTransport transport, SrtpKeyingMaterial keys, bool isDtlsClient,
        AudioStreamSettings settings, ILog? log = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(settings);
        var session = SrtpSessionFactory.Create(keys, isDtlsClient);
        return session is null ? null : new SrtpAudioChannel(transport, session, settings, log ?? NullLog.Instance);
    }

    /// <summary>What negotiation fixed (SSRC, CNAME, payload type).</summary>
    public AudioStreamSettings Settings { get; }

    /// <summary>The SRTP profile in use (GCM when both sides offer it).</summary>
    public SrtpProfile Profile => _session.Profile;

    public uint LocalSsrc => Settings.LocalSsrc;

    public int PayloadType => Settings.PayloadType;

    public ChannelReader<ReceivedRtp> Received => _receiver.Received;

    /// <summary>True once the peer sent RTCP BYE for its stream (added member): it hung up its media.</summary>
    public bool PeerSentBye => _state.ByeReceived;

    /// <summary>RTCP compounds we sent so far (added member, for tests and diagnostics).</summary>
    public long RtcpReportsSent => _reporter.ReportsSent;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, uint timestamp, bool marker, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // False means the packet was lost (closed path, disposed meanwhile): like the network losing it.
        await _sender.SendRtpAsync(payload, timestamp, marker, ct).ConfigureAwait(false);
    }

    public RtpChannelStatistics GetStatistics()
    {
        var inbound = _receiver.Inbound; // its counters stay readable after dispose
        return _state.Snapshot(_sender.Snapshot(), inbound.Malformed, inbound.AuthFailed, inbound.Replayed);
    }

    /// <summary>Sends RTCP BYE, stops both loops, and zeroes the SRTP session keys. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await _reporter.SendByeAsync(grace.Token).ConfigureAwait(false);
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_receiving, _reporting).ConfigureAwait(false);
        _sender.Close();
        // The receive loop has ended, so nothing uses the inbound context any more.
        _session.Dispose();
        _stop.Dispose();
    }
}
