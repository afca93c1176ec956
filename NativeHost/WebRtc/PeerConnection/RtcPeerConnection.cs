using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Ice;
using SecureLink.WebRtc.Media;
using SecureLink.WebRtc.Sctp;
using SecureLink.WebRtc.Sdp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc;

/// <summary>
/// A WebRTC peer connection for data channels and (with <see cref="RtcConfiguration.Audio"/>)
/// one Opus audio stream, built only by wiring the layers below: ICE gathers and connects,
/// <see cref="DatagramDemux"/> splits the ICE transport by first byte, DTLS runs over the DTLS
/// share, SCTP over DTLS, DCEP data channels over SCTP, and SRTP audio
/// (<see cref="SrtpAudioChannel"/>) over the RTP share with keys exported from DTLS. Offer/answer is non-trickle: descriptions
/// carry every candidate. The offerer is ICE-controlling and offers
/// <c>a=setup:actpass</c>; as answerer we pick <c>active</c>, so the answerer is
/// the DTLS (and SCTP) client.
/// </summary>
public sealed class RtcPeerConnection : IAsyncDisposable
{
    private const string Category = "pc";
    private readonly ILog _log;
    private readonly IceAgent _ice;
    private readonly DtlsCertificate _certificate;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stateGate = new();
    private PeerConnectionState _state = PeerConnectionState.New;
    private bool _descriptionStarted;
    private bool _isOfferer;
    private bool _offerMade;
    private Task? _connecting;
    // Written once by the connect task, read from any thread.
    private volatile DatagramDemux? _demux;
    private volatile DtlsTransport? _dtls;
    private volatile SctpAssociation? _sctp;
    private volatile DataChannelManager? _channels;
    private readonly HashSet<DataChannel> _announced = new(ReferenceEqualityComparer.Instance);
    private readonly List<DataChannel> _pendingChannels = [];
    private int _disposed;
    private readonly bool _ownsCertificate;
    private readonly bool _wantsAudio;
    private readonly AudioTrackParameters _audioTrack = Negotiation.NewAudioTrack();
    private AudioStreamSettings? _audioStream;
    private volatile SrtpAudioChannel? _audio;

    /// <summary>Raised once when the first authenticated ICE check from the peer arrives (added member; must not block).</summary>
    public event Action? RemoteCheckReceived;

    /// <summary>Our ICE credentials, as put in our description (added member).</summary>
    public IceParameters LocalIceParameters => _ice.LocalParameters;

    public RtcPeerConnection(RtcConfiguration config)
    {
        _log = config.Log;
        _ice = new IceAgent(new IceAgentOptions
        {
            StunServers = config.StunServers,
            IncludeLoopback = config.IncludeLoopback,
            AddressFilter = config.AddressFilter,
            ConnectTimeout = config.ConnectTimeout,
            ConsentTimeout = config.ConsentTimeout,
            LocalParameters = config.IceParameters,
            LocalPorts = config.LocalPorts,
            Log = config.Log,
        });
        _ice.StateChanged += OnIceStateChanged;
        _ice.RemoteCheckReceived += () => RemoteCheckReceived?.Invoke();
        _wantsAudio = config.Audio;
        _ownsCertificate = config.Certificate is null;
        _certificate = config.Certificate ?? DtlsCertificate.Generate();
    }

    /// <summary>Our certificate's fingerprint, as put in our description.</summary>
    public DtlsFingerprint LocalFingerprint => _certificate.Fingerprint;

    /// <summary>The fingerprint the peer's description announced (and DTLS then checked).</summary>
    public DtlsFingerprint? RemoteFingerprint { get; private set; }

    public PeerConnectionState ConnectionState { get { lock (_stateGate) return _state; } }

    /// <summary>(from, to) for every change; raised synchronously, so handlers must not block.</summary>
    public event Action<PeerConnectionState, PeerConnectionState>? ConnectionStateChanged;

    /// <summary>A data channel the peer opened.</summary>
    public event Action<DataChannel>? DataChannelOpened;

    /// <summary>Why the connection failed (a sentence for people), once <see cref="PeerConnectionState.Failed"/>.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Why the connection closed when the peer ended it ("The peer closed the connection."), else null.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>True once the peer ended the session itself (DTLS close_notify or SCTP shutdown/abort).</summary>
    public bool ClosedByPeer { get; private set; }

    /// <summary>The local and remote addresses of the pair ICE selected.</summary>
    public System.Net.IPEndPoint? SelectedLocalEndPoint => _ice.SelectedLocalEndPoint;
    public System.Net.IPEndPoint? SelectedRemoteEndPoint => _ice.SelectedRemoteEndPoint;

    /// <summary>True when local gathering produced server-reflexive candidates (for "no direct path" reporting).</summary>
    public bool HadServerReflexiveCandidates => _ice.HadServerReflexiveCandidates;

    /// <summary>The peer's a=max-message-size (65536 when absent), once the remote description is applied.</summary>
    public int? RemoteMaxMessageSize { get; private set; }

    /// <summary>The SRTP keys DTLS exported, for media (null before DTLS is up or without use_srtp).</summary>
    public SrtpKeyingMaterial? SrtpKeys => _dtls?.SrtpKeys;

    /// <summary>The RTP/RTCP share of the ICE transport (first byte 128–191), for media; null before ICE connects.</summary>
    public DatagramDemux? Demux => _demux;

    /// <summary>
    /// The SRTP Opus stream (added member): non-null once DTLS is up when both sides negotiated
    /// audio (<see cref="RtcConfiguration.Audio"/> here, an accepted Opus m-line there); null
    /// otherwise. It lives as long as the connection and is disposed with it.
    /// </summary>
    public IRtpAudioChannel? AudioChannel => _audio;

    /// <summary>True once the descriptions agreed on an audio stream (added member); the channel follows when DTLS is up.</summary>
    public bool AudioNegotiated => _audioStream is not null;

    /// <summary>Raised once when <see cref="AudioChannel"/> becomes available (added member; must not block).</summary>
    public event Action<IRtpAudioChannel>? AudioChannelOpened;

    /// <summary>Gathers (non-trickle) and returns the full offer with its candidates.</summary>
    public async Task<string> CreateOfferAsync(CancellationToken ct)
    {
        BeginDescription(offerer: true);
        var candidates = await _ice.GatherAsync(ct).ConfigureAwait(false);
        var local = Negotiation.Local(_ice.LocalParameters, candidates, LocalFingerprint);
        var offer = _wantsAudio
            ? SdpFactory.CreateOffer(local, new SdpOfferOptions { Audio = _audioTrack })
            : SdpFactory.CreateDataChannelOffer(local);
        _offerMade = true;
        Log(LogLevel.Info, $"offer created with {candidates.Count} candidate(s)");
        return offer.ToString();
    }

    /// <summary>Applies the peer's offer, gathers, returns our answer, and starts connecting.</summary>
    public async Task<string> CreateAnswerAsync(string remoteOfferSdp, CancellationToken ct)
    {
        BeginDescription(offerer: false);
        var offer = Negotiation.ParseRemote(remoteOfferSdp);
        Negotiation.ReadRemote(offer); // refuse an unusable offer before binding any socket
        var candidates = await _ice.GatherAsync(ct).ConfigureAwait(false);
        var answer = SdpFactory.CreateAnswer(offer, Negotiation.Local(_ice.LocalParameters, candidates, LocalFingerprint),
            new SdpAnswerOptions { AcceptAudio = _wantsAudio, AudioTrack = _wantsAudio ? _audioTrack : null });
        var setup = Negotiation.LocalSetup(answer);
        var remote = ApplyRemote(Negotiation.ReadRemote(offer, answer));
        Log(LogLevel.Info, $"answer created with {candidates.Count} candidate(s), {(remote.DataChannel!.IsLegacy ? "legacy" : "current")} SCTP form{(_audioStream is null ? "" : ", audio")}");
        StartConnecting(remote, IceRole.Controlled, SdpFactory.IsDtlsClient(setup) ? DtlsRole.Client : DtlsRole.Server);
        return answer.ToString();
    }

    /// <summary>Applies the peer's answer to our offer and starts connecting.</summary>
    public Task SetRemoteAnswerAsync(string answerSdp, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!_isOfferer || !_offerMade) throw new InvalidOperationException("SetRemoteAnswerAsync needs an offer from CreateOfferAsync first.");
        if (_connecting is not null) throw new InvalidOperationException("The remote answer was already applied.");
        var info = Negotiation.ReadRemote(Negotiation.ParseRemote(answerSdp));
        var role = Negotiation.RoleFromAnswer(info);
        StartConnecting(ApplyRemote(info), IceRole.Controlling, role);
        return Task.CompletedTask;
    }

    /// <summary>Adds one more remote candidate ("candidate:..." with or without "a="); bad lines throw FormatException.</summary>
    public void AddRemoteCandidate(string candidateLine) => _ice.AddRemoteCandidate(IceCandidate.Parse(candidateLine));

    /// <summary>
    /// Creates a channel, at any time. Before SCTP is up it is Connecting and opens
    /// (Opened fires) once the session connects; on a connected session it is Open
    /// on return (DATA_CHANNEL_OPEN queued; RFC 8832 lets the opener send at once).
    /// </summary>
    public DataChannel CreateDataChannel(string label, DataChannelOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var channel = DataChannel.CreateUnattached(label, options);
        DataChannelManager? channels;
        lock (_pendingChannels)
        {
            channels = _channels;
            if (channels is null)
            {
                _pendingChannels.Add(channel);
                return channel;
            }
        }
        // Only waits when SCTP's send buffer is over its high-water mark.
        channels.AttachAsync(channel).GetAwaiter().GetResult();
        return channel;
    }

    /// <summary>
    /// Creates a channel, at any time: before connecting it waits until SCTP is up
    /// and then opens (DCEP). The task completes with the channel Open, or fails
    /// if the connection fails or closes first.
    /// </summary>
    public async Task<DataChannel> CreateDataChannelAsync(string label, DataChannelOptions? options = null, CancellationToken ct = default)
    {
        await WaitConnectedAsync(ct).ConfigureAwait(false);
        return await _channels!.CreateChannelAsync(label, options, ct).ConfigureAwait(false);
    }

    /// <summary>Completes when connected (SCTP up); throws if the connection fails or closes first.</summary>
    public Task WaitConnectedAsync(CancellationToken ct) => _connected.Task.WaitAsync(ct);

    private void BeginDescription(bool offerer)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_descriptionStarted) throw new InvalidOperationException("This connection already made its description; renegotiation is not supported.");
        _descriptionStarted = true;
        _isOfferer = offerer;
    }

    private RemoteDescriptionInfo ApplyRemote(RemoteDescriptionInfo remote)
    {
        RemoteFingerprint = DtlsFingerprint.Parse(remote.Fingerprint);
        RemoteMaxMessageSize = Negotiation.RemoteMaxMessageSize(remote);
        _audioStream = Negotiation.AudioStream(_wantsAudio, _audioTrack, remote);
        foreach (var line in remote.Candidates)
        {
            try
            {
                _ice.AddRemoteCandidate(IceCandidate.Parse(line));
            }
            catch (FormatException e)
            {
                // One unreadable candidate must not sink the others.
                Log(LogLevel.Info, $"ignored a remote candidate: {e.Message}");
            }
        }
        return remote;
    }

    private void StartConnecting(RemoteDescriptionInfo remote, IceRole iceRole, DtlsRole dtlsRole)
    {
        SetState(PeerConnectionState.Connecting);
        _connecting = Task.Run(() => ConnectAsync(remote, iceRole, dtlsRole, _lifetime.Token));
    }

    private async Task ConnectAsync(RemoteDescriptionInfo remote, IceRole iceRole, DtlsRole dtlsRole, CancellationToken ct)
    {
        try
        {
            var iceTransport = await _ice.ConnectAsync(new IceParameters(remote.IceUfrag, remote.IcePwd), iceRole, ct).ConfigureAwait(false);
            Log(LogLevel.Info, $"ICE selected {_ice.SelectedLocalEndPoint} -> {_ice.SelectedRemoteEndPoint}");
            _demux = new DatagramDemux(iceTransport, acceptRtp: _audioStream is not null, _log);
            _dtls = await DtlsTransport.ConnectAsync(_demux.Dtls, dtlsRole, _certificate, RemoteFingerprint!,
                new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80], Log = _log },
                ct).ConfigureAwait(false);
            _dtls.Closed += reason => OnLayerClosed("DTLS", reason);
            Log(LogLevel.Info, $"DTLS up as {dtlsRole}");
            StartAudio(dtlsRole);
            _sctp = await SctpAssociation.ConnectAsync(_dtls, new SctpOptions
            {
                // Who sends INIT differs between stacks: the DTLS client by the contract, usrsctp
                // (Chromium) always, and aiortc only on the ICE-controlling side (it waits when
                // controlled even as DTLS client). Sending it in either case reaches all of them;
                // when both sides send, RFC 9260 §5.2.1 INIT collision handling settles it.
                IsClient = dtlsRole == DtlsRole.Client || iceRole == IceRole.Controlling,
                LocalPort = Negotiation.SctpPort,
                RemotePort = (ushort)remote.DataChannel!.SctpPort,
                MaxReceiveMessageSize = Negotiation.MaxMessageSize,
                RemoteMaxMessageSize = RemoteMaxMessageSize ?? RemoteDescriptionInfo.DefaultMaxMessageSize,
                Log = _log,
            }, ct).ConfigureAwait(false);
            _sctp.Closed += reason => OnLayerClosed("SCTP", reason);
            var channels = new DataChannelManager(_sctp, dtlsRole == DtlsRole.Client, _log);
            channels.ChannelOpened += Announce; // starts delivery: nothing the peer opened is missed
            DataChannel[] pending;
            lock (_pendingChannels)
            {
                _channels = channels;
                pending = [.. _pendingChannels];
                _pendingChannels.Clear();
            }
            // Channels asked for before SCTP was up open now, in the order they were created.
            foreach (var channel in pending) await channels.AttachAsync(channel, ct).ConfigureAwait(false);
            Log(LogLevel.Info, "SCTP up");
            if (SetState(PeerConnectionState.Connected)) _connected.TrySetResult();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed while connecting: DisposeAsync reports Closed.
        }
        catch (Exception e)
        {
            Fail(Describe(e));
        }
    }

    /// <summary>Starts SRTP once DTLS is up, so RTP the peer sends straight after its handshake is not lost (the demux queues it).</summary>
    private void StartAudio(DtlsRole dtlsRole)
    {
        if (_audioStream is not { } stream) return;
        if (_dtls!.SrtpKeys is not { } keys)
        {
            Log(LogLevel.Error, "audio was negotiated but DTLS agreed on no SRTP profile; no audio");
            return;
        }
        var channel = SrtpAudioChannel.Start(_demux!.Rtp, keys, dtlsRole == DtlsRole.Client, stream, _log);
        if (channel is null)
        {
            Log(LogLevel.Error, $"audio: SRTP profile {keys.Profile} is not implemented; no audio");
            return;
        }
        _audio = channel;
        Log(LogLevel.Info, $"audio up: SRTP {channel.Profile}, payload type {stream.PayloadType}");
        AudioChannelOpened?.Invoke(channel);
    }

    /// <summary>Raises DataChannelOpened once per remote channel, whichever path saw it first.</summary>
    private void Announce(DataChannel channel)
    {
        lock (_announced)
        {
            if (!_announced.Add(channel)) return;
        }
        DataChannelOpened?.Invoke(channel);
    }

    private static string Describe(Exception e) => e switch
    {
        IceFailedException => e.Message,
        DtlsFingerprintMismatchException => "The peer's DTLS certificate does not match the fingerprint in its description (possible man in the middle).",
        DtlsHandshakeException => $"The DTLS handshake failed: {e.Message}",
        TransportClosedException => "The connection closed while it was being set up.",
        TimeoutException => $"Setting up the connection timed out: {e.Message}",
        _ => $"Setting up the connection failed ({e.GetType().Name}): {e.Message}",
    };

    private void OnIceStateChanged(IceConnectionState from, IceConnectionState to)
    {
        Log(LogLevel.Debug, $"ICE {from} -> {to}");
        switch (to)
        {
            // Only a session that was up can be "disconnected"; while connecting, ICE's own
            // timeout decides, and a flap then must not look like Connected before SCTP is up.
            case IceConnectionState.Disconnected when ConnectionState == PeerConnectionState.Connected:
                SetState(PeerConnectionState.Disconnected);
                break;
            case IceConnectionState.Connected or IceConnectionState.Completed when ConnectionState == PeerConnectionState.Disconnected:
                SetState(PeerConnectionState.Connected);
                break;
            case IceConnectionState.Failed:
                Fail(_ice.FailureReason ?? "No network path to the peer works (ICE failed).");
                break;
        }
    }

    private void OnLayerClosed(string layer, string reason)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        Log(LogLevel.Info, $"{layer} closed: {reason}");
        if (reason is "close_notify" or "shutdown" or "abort")
        {
            ClosedByPeer = true;
            CloseReason = "The peer closed the connection.";
            SetState(PeerConnectionState.Closed);
            _connected.TrySetException(new InvalidOperationException(CloseReason));
        }
        else
        {
            Fail(reason.StartsWith("alert", StringComparison.Ordinal)
                ? $"The peer ended the secure session with an error ({reason})."
                : $"The connection to the peer was lost ({layer}: {reason}).");
        }
    }

    private void Fail(string reason)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        lock (_stateGate)
        {
            if (_state is PeerConnectionState.Failed or PeerConnectionState.Closed) return;
            FailureReason = reason;
        }
        Log(LogLevel.Error, $"failed: {reason}");
        SetState(PeerConnectionState.Failed);
        _connected.TrySetException(new InvalidOperationException(reason));
    }

    /// <summary>The one place the state changes: Closed is final, Failed only goes on to Closed.</summary>
    private bool SetState(PeerConnectionState to)
    {
        PeerConnectionState from;
        lock (_stateGate)
        {
            from = _state;
            if (from == to || from == PeerConnectionState.Closed) return false;
            if (from == PeerConnectionState.Failed && to != PeerConnectionState.Closed) return false;
            _state = to;
            Log(LogLevel.Info, $"{from} -> {to}");
            ConnectionStateChanged?.Invoke(from, to);
        }
        return true;
    }

    private void Log(LogLevel level, string message)
    {
        if (_log.IsEnabled(level)) _log.Write(level, Category, message);
    }

    /// <summary>Ends the session: SCTP shutdown, DTLS close_notify, every socket closed, every loop stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_connecting is not null)
        {
            try { await _connecting.ConfigureAwait(false); } catch (Exception) { /* already reported as Failed */ }
        }
        // Audio first: its BYE still has a path, and its keys are zeroed before DTLS goes.
        await DisposeQuietly(_audio).ConfigureAwait(false);
        await DisposeQuietly(_channels).ConfigureAwait(false);
        await DisposeQuietly(_sctp).ConfigureAwait(false);
        await DisposeQuietly(_dtls).ConfigureAwait(false);
        await DisposeQuietly(_demux).ConfigureAwait(false);
        await DisposeQuietly(_ice).ConfigureAwait(false);
        _ice.StateChanged -= OnIceStateChanged;
        if (_ownsCertificate) _certificate.Dispose();
        _lifetime.Dispose();
        SetState(PeerConnectionState.Closed);
        _connected.TrySetException(new ObjectDisposedException(nameof(RtcPeerConnection)));
        _ = _connected.Task.Exception; // observed: nobody may be waiting
    }

    private async ValueTask DisposeQuietly(IAsyncDisposable? layer)
    {
        if (layer is null) return;
        try
        {
            await layer.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransportClosedException or ObjectDisposedException or OperationCanceledException)
        {
            // Expected when the peer already ended the session: there is nobody left to tell.
            Log(LogLevel.Debug, $"closing {layer.GetType().Name}: already closed ({e.GetType().Name})");
        }
        catch (Exception e)
        {
            // Closing must always finish; a layer that trips over its own close is logged, not rethrown.
            Log(LogLevel.Error, $"closing {layer.GetType().Name}: {e.GetType().Name}: {e.Message}");
        }
    }
}
