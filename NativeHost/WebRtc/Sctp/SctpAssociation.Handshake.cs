using SecureLink.WebRtc.Sctp.Association;
using SecureLink.WebRtc.Sctp.Chunks;
using SecureLink.WebRtc.Sctp.Packet;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp;

// The four-way handshake (RFC 9260 §5) including INIT collision (§5.2.1, §5.2.4), and the
// per-packet verification tag rules (§8.5) that decide whether a packet is ours at all.
public sealed partial class SctpAssociation
{
    private const ushort StreamCount = 65535;
    private const long CookieLifetimeMs = 60_000;
    private readonly uint _myTag, _myInitialTsn;
    private uint _peerTag;
    private bool _peerForwardTsn, _peerReconfig;
    private int _t1Retransmits;
    private byte[]? _cookieToEcho;

    /// <summary>Our verification tag (tests forge packets with it).</summary>
    internal uint LocalVerificationTag => _myTag;

    private static List<Parameter> ExtensionParameters() =>
    [
        new Parameter(Parameter.SupportedExtensions, [(byte)ChunkType.Reconfig, (byte)ChunkType.ForwardTsn]),
        new Parameter(Parameter.ForwardTsnSupported, []),
    ];

    private InitChunk MakeInit(bool ack, List<Parameter> parameters) =>
        new(ack, _myTag, (uint)_options.ReceiveWindow, StreamCount, StreamCount, _myInitialTsn, parameters);

    private void SendInit()
    {
        if (_state != SctpAssociationState.Closed || _finished) return;
        _immediate.Add((0, MakeInit(false, ExtensionParameters())));
        SetState(SctpAssociationState.CookieWait);
        _t1At = RtoDeadline(Environment.TickCount64);
    }

    private void OnT1Expired()
    {
        _t1At = Off;
        if (++_t1Retransmits > _options.MaxInitRetransmits)
        {
            Finish("timeout");
            return;
        }
        _rto.BackOff();
        if (_state == SctpAssociationState.CookieWait) _immediate.Add((0, MakeInit(false, ExtensionParameters())));
        else if (_state == SctpAssociationState.CookieEchoed && _cookieToEcho is not null) _immediate.Add((_peerTag, new CookieEchoChunk(_cookieToEcho)));
        else return;
        _t1At = RtoDeadline(Environment.TickCount64);
    }

    private void HandlePacket(SctpPacket packet)
    {
        if (!TagIsValid(packet))
        {
            Interlocked.Increment(ref Statistics.packetsDropped);
            return;
        }
        var hadData = false;
        foreach (var chunk in packet.Chunks)
        {
            if (_finished) return;
            switch (chunk)
            {
                case InitChunk { IsAck: false } init: OnInit(init); break;
                case InitChunk { IsAck: true } initAck: OnInitAck(initAck); break;
                case CookieEchoChunk echo: OnCookieEcho(echo); break;
                case CookieAckChunk: OnCookieAck(); break;
                case AbortChunk abort:
                    if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, Category, $"peer aborted: {string.Join(", ", abort.Causes)}");
                    Finish("abort");
                    return;
                case ErrorChunk error:
                    if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, Category, $"peer reported errors: {string.Join(", ", error.Causes)}");
                    break;
                case HeartbeatChunk { IsAck: false } hb: if (IsUp) _control.Add(new HeartbeatChunk(true, hb.Info)); break;
                case HeartbeatChunk: break;
                case UnknownChunk unknown:
                    if (unknown.Report && IsUp)
                        _control.Add(new ErrorChunk([new ErrorCause(ErrorCause.UnrecognizedChunkType, UnknownChunkHeader(unknown))]));
                    break;
                default:
                    // Everything else needs an association. DATA or SACK while COOKIE-ECHOED means our
                    // COOKIE-ACK was lost: the peer is established, so are we.
                    if (_state == SctpAssociationState.CookieEchoed) OnCookieAck();
                    if (!IsUp) break;
                    switch (chunk)
                    {
                        case DataChunk data: OnData(data); hadData = true; break;
                        case SackChunk sack: OnSack(sack); break;
                        case ForwardTsnChunk fwd: OnForwardTsn(fwd); hadData = true; break;
                        case ReconfigChunk reconfig: OnReconfig(reconfig); break;
                        case ShutdownChunk shutdown: OnShutdown(shutdown); break;
                        case ShutdownAckChunk: OnShutdownAck(); break;
                        case ShutdownCompleteChunk: OnShutdownComplete(); return;
                    }
                    break;
            }
        }
        if (hadData) AfterDataPacket();
    }

    private bool IsUp => _state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownSent
        or SctpAssociationState.ShutdownReceived or SctpAssociationState.ShutdownAckSent;

    // RFC 9260 §8.5 / §8.5.1.
    private bool TagIsValid(SctpPacket packet)
    {
        if (packet.Chunks.Count == 0) return false;
        var first = packet.Chunks[0];
        if (first is InitChunk { IsAck: false }) return packet.VerificationTag == 0 && packet.Chunks.Count == 1;
        if (first is AbortChunk abort) return abort.TagReflected ? _peerTag != 0 && packet.VerificationTag == _peerTag : packet.VerificationTag == _myTag;
        if (first is ShutdownCompleteChunk sc) return sc.TagReflected ? _peerTag != 0 && packet.VerificationTag == _peerTag : packet.VerificationTag == _myTag;
        return packet.VerificationTag == _myTag;
    }

    private static byte[] UnknownChunkHeader(UnknownChunk c)
    {
        var bytes = new byte[c.PaddedLength];
        c.WriteTo(bytes);
        return bytes;
    }

    private void OnInit(InitChunk init)
    {
        if (_finished) return;
        // Stateless answer in CLOSED; in COOKIE-WAIT/ECHOED (collision) the same tag and TSN as our own INIT (§5.2.1);
        // when up (a peer restart or a late copy) also the same tag, so a real restart would fail the cookie check.
        var cookie = new StateCookie(Environment.TickCount64, _myTag, init.InitiateTag, _myInitialTsn, init.InitialTsn,
            init.AdvertisedReceiverWindow, init.OutboundStreams, init.InboundStreams, init.SupportsForwardTsn, init.SupportsReconfig);
        var parameters = ExtensionParameters();
        parameters.Insert(0, new Parameter(Parameter.StateCookie, cookie.Sign(_cookieKey)));
        _immediate.Add((init.InitiateTag, MakeInit(true, parameters)));
    }

    private void OnInitAck(InitChunk initAck)
    {
        if (_state != SctpAssociationState.CookieWait) return; // §5.2.3: discard elsewhere
        if (initAck.StateCookie is not { } cookie)
        {
            if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, Category, "INIT-ACK without state cookie");
            return;
        }
        _peerTag = initAck.InitiateTag;
        ApplyPeerParameters(initAck.InitialTsn, initAck.AdvertisedReceiverWindow, initAck.SupportsForwardTsn, initAck.SupportsReconfig);
        _cookieToEcho = cookie;
        _immediate.Add((_peerTag, new CookieEchoChunk(cookie)));
        _t1Retransmits = 0;
        _t1At = RtoDeadline(Environment.TickCount64);
        SetState(SctpAssociationState.CookieEchoed);
    }

    private void OnCookieEcho(CookieEchoChunk echo)
    {
        var cookie = StateCookie.Verify(_cookieKey, echo.Cookie, Environment.TickCount64, CookieLifetimeMs);
        if (cookie is null || cookie.LocalTag != _myTag)
        {
            if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, Category, "COOKIE-ECHO with an invalid or stale cookie dropped");
            return;
        }
        if (IsUp)
        {
            // §5.2.4 case D: our COOKIE-ACK was lost; a changed peer tag would be a restart, which we do not support.
            if (cookie.PeerTag == _peerTag) _control.Add(new CookieAckChunk());
            return;
        }
        // CLOSED (normal server path) or COOKIE-WAIT/ECHOED (§5.2.4 case B/D: INIT collision).
        _peerTag = cookie.PeerTag;
        ApplyPeerParameters(cookie.PeerInitialTsn, cookie.PeerReceiverWindow, cookie.PeerForwardTsn, cookie.PeerReconfig);
        _control.Add(new CookieAckChunk());
        _t1At = Off;
        SetState(SctpAssociationState.Established);
    }

    private void OnCookieAck()
    {
        if (_state != SctpAssociationState.CookieEchoed) return;
        _t1At = Off;
        _cookieToEcho = null;
        SetState(SctpAssociationState.Established);
    }

    private void ApplyPeerParameters(uint peerInitialTsn, uint peerWindow, bool forwardTsn, bool reconfig)
    {
        _received.Reset(peerInitialTsn);
        _peerNextRequestSequence = peerInitialTsn;
        _peerRwnd = peerWindow;
        _ssthresh = peerWindow;
        _peerForwardTsn = forwardTsn;
        _peerReconfig = reconfig;
    }
}
